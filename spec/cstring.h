/*
 * ACSL: NUL-terminated strings and the decimal digits of slabinfo's "%d".
 * Logic only, read by Frama-C (spec/slab_spec.h).  Written here rather
 * than taken from Frama-C's libc specification, whose strlen is an
 * axiomatic: these are plain definitions, nothing to trust.
 */
#ifndef SLABREF_SPEC_CSTRING_H
#define SLABREF_SPEC_CSTRING_H

/*@
  // s holds n characters, then the terminating NUL, all readable.
  predicate strlen_is{L}(char *s, integer n) =
    0 <= n && \valid_read(s + (0 .. n)) && s[n] == 0
    && \forall integer i; 0 <= i < n ==> s[i] != 0;

  predicate cstring{L}(char *s) = \exists integer n; strlen_is(s, n);

  // p points into the string s (its terminator included).
  predicate in_string{L}(char *s, char *p) =
    p == s + (p - s) && 0 <= p - s
    && \exists integer n; strlen_is(s, n) && p - s <= n;

  // The same characters, terminator included.
  predicate same_string{L}(char *a, char *b) =
    \exists integer n; strlen_is(a, n) && strlen_is(b, n)
      && \forall integer i; 0 <= i < n ==> a[i] == b[i];

  predicate is_digit(integer c) = '0' <= c <= '9';
  // The kernel's isspace() on ASCII: ' ' and '\t' .. '\r'.
  predicate is_space(integer c) = c == ' ' || ('\t' <= c <= '\r');

  // The value of the n decimal digits at s.
  logic integer dec_value{L}(char *s, integer n) =
    n <= 0 ? 0 : dec_value(s, n - 1) * 10 + (s[n - 1] - '0');

  // The low 32 bits of x (x >= 0), read as a two's complement int: what
  // the kernel's (int) of its wrapping unsigned long keeps.
  logic integer low32(integer x) = x % 4294967296;
  logic integer as_int32(integer u) = u <= 2147483647 ? u : u - 4294967296;

  // Keeping only the low 32 bits after each digit keeps the low 32 bits
  // of the whole value.
  lemma low32_step: \forall integer x, c; 0 <= x && 0 <= c ==>
    low32(low32(x) * 10 + c) == low32(x * 10 + c);
*/

#endif
