/*
 * The two string routines of the core: the duplicate-name test of
 * kmem_cache_create and the "%d" scan of slabinfo_write.  The kernel
 * calls strcmp and sscanf; these are the same semantics in a form WP
 * proves (contracts below; spec/cstring.h).
 */
#include <stdint.h>
#include "slab.h"
/*
 * Only this file's proofs use spec/cstring.h, and it comes last in the
 * proof runs (proofs/proofs.mk): a lemma joins the context of every goal
 * after it, and low32_step there made spec/geometry.h's align_up_within
 * time out.
 */
#ifdef __FRAMAC__
#include "../spec/cstring.h"
#endif

/*@
  requires a_string: cstring(a);
  requires b_string: cstring(b);
  assigns \nothing;
  ensures equal: \result != 0 <==> same_string(a, b);
*/
int name_equal(const char *a, const char *b)
{
	/*@
	  loop invariant in_a: in_string(\at(a, Pre), a);
	  loop invariant in_b: in_string(\at(b, Pre), b);
	  loop invariant step: b == \at(b, Pre) + (a - \at(a, Pre));
	  loop invariant read_a: \valid_read(\at(a, Pre) + (0 .. a - \at(a, Pre)));
	  loop invariant read_b: \valid_read(\at(b, Pre) + (0 .. a - \at(a, Pre)));
	  loop invariant prefix: \forall integer i; 0 <= i < a - \at(a, Pre) ==>
	    \at(a, Pre)[i] == \at(b, Pre)[i] && \at(a, Pre)[i] != 0;
	  loop assigns a, b;
	*/
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

/*
 * The kernel's vsscanf "%d": white space, an optional '-' that must be
 * followed by a digit, then decimal digits accumulated in a wrapping
 * unsigned long, converted to int.  Only the low 32 bits survive that
 * conversion, so they are all that is kept here: reducing after each
 * digit gives the same bits (lemma low32_step) and nothing overflows.
 */
/*@
  requires string: cstring(s);
  requires out: \valid(out);
  assigns *out;
  ensures rest: \result == \null || (in_string(s, \result) && 1 <= \result - s
    && !is_digit(s[\result - s]) && is_digit(s[\result - s - 1]));
  ensures value: \result != \null ==> \exists integer k; 0 <= k < \result - s
    && (\forall integer i; k <= i < \result - s ==> is_digit(s[i]))
    && *out == as_int32(k > 0 && s[k - 1] == '-'
         ? low32(4294967296 - low32(dec_value(s + k, \result - s - k)))
         : low32(dec_value(s + k, \result - s - k)));
*/
const char *scan_int(const char *s, int *out)
{
	uint64_t v = 0;
	int neg = 0;

	/*@
	  loop invariant in_s: in_string(\at(s, Pre), s);
	  loop invariant spaces: \forall integer i; 0 <= i < s - \at(s, Pre) ==>
	    is_space(\at(s, Pre)[i]);
	  loop assigns s;
	*/
	while (*s == ' ' || (*s >= '\t' && *s <= '\r'))
		s++;
	if (*s == '-') {
		if (s[1] < '0' || s[1] > '9')
			return NULL;
		neg = 1;
		s++;
	}
	if (*s < '0' || *s > '9')
		return NULL;
	/*@ ghost const char *digits = s; */
	/*@ assert sign: neg != 0 <==>
	      (digits - \at(s, Pre) > 0 && \at(s, Pre)[digits - \at(s, Pre) - 1] == '-'); */
	/*@
	  loop invariant in_s: in_string(\at(s, Pre), s);
	  loop invariant base: digits == \at(s, Pre) + (digits - \at(s, Pre));
	  loop invariant from: 0 <= digits - \at(s, Pre) <= s - \at(s, Pre);
	  loop invariant all_digits: \forall integer i;
	    digits - \at(s, Pre) <= i < s - \at(s, Pre) ==> is_digit(\at(s, Pre)[i]);
	  loop invariant nonneg: dec_value(digits, s - digits) >= 0;
	  loop invariant bits: v == low32(dec_value(digits, s - digits));
	  loop assigns s, v;
	*/
	while (*s >= '0' && *s <= '9') {
		/*@ assert unfold: dec_value(digits, s - digits + 1)
		      == dec_value(digits, s - digits) * 10 + (*s - '0'); */
		/*@ assert step: low32(v * 10 + (*s - '0'))
		      == low32(dec_value(digits, s - digits) * 10 + (*s - '0')); */
		v = (v * 10 + (uint64_t)(*s - '0')) % 0x100000000;
		s++;
	}
	if (neg)
		v = (0x100000000 - v) % 0x100000000;
	*out = v <= INT32_MAX ? (int)v : (int)((int64_t)v - 0x100000000);
	/*@ assert witness: \let k = digits - \at(s, Pre);
	      0 <= k < s - \at(s, Pre)
	      && (\forall integer i; k <= i < s - \at(s, Pre) ==> is_digit(\at(s, Pre)[i]))
	      && *out == as_int32(k > 0 && \at(s, Pre)[k - 1] == '-'
	           ? low32(4294967296 - low32(dec_value(\at(s, Pre) + k, s - \at(s, Pre) - k)))
	           : low32(dec_value(\at(s, Pre) + k, s - \at(s, Pre) - k))); */
	return s;
}
