#!/usr/bin/env python3
"""A second, independent model of the 2.6.32 SLAB algorithm, written in
Python from mm/slab.c (not from slabref), and a random-trace generator that
diffs it against the oracle: cache_alloc_refill (shared array first,
BATCHREFILL_LIMIT, partial before free, list heads, touched, the re-read
array after cache_grow and the irq window), cache_grow (colour_next,
fail_pages, ordinals), cache_flusharray and free_block (shared room,
free_limit, list ends), cache_reap and drain_array (reap and reap_local),
drain_freelist (tail first), shrink, tune, STATS (DEBUG build), and
off-slab caches whose descriptors come from size-64, kmalloc and kfree
of 33 to 64 bytes.

It models user caches completely.  For off-slab caches it needs size-64 as
well: the trace first empties it (shrink of size-64 and of every general
off-slab cache whose descriptors live there, then a reap so free_touched
is known) and reads it back through `state` and `slab`; from then on only
the trace's own descriptors come and go there.  Geometry is taken from
the oracle's `create` lines (tests/geometry.py checks it).

usage: tests/slabmodel.py BINARY FIRST_SEED COUNT   (exit 1 on a difference;
the failing trace and the model's output are left in $TMPDIR)
"""
import os, random, subprocess, sys, re, tempfile

class Slab:
    def __init__(s, ordn, num, colour):
        s.ord = ordn; s.inuse = 0; s.chain = list(range(num)); s.colour = colour
        s.where = 'free'

class AC:
    def __init__(s, limit, batch):
        s.e = []; s.limit = limit; s.batch = batch; s.touched = 0

class Cache:
    def __init__(s, name, geo, ncpus):
        s.name = name
        s.num = geo['num']; s.colour = geo['colour']; s.colour_off = geo['colour_off']
        s.nslabs = 0; s.slabs = {}
        s.full = []; s.partial = []; s.free = []
        s.free_objects = 0; s.colour_next = 0; s.free_touched = 0
        s.ncpus = ncpus
        s.st = dict(alloced=0, active=0, high=0, grown=0, reaped=0, maxfree=0,
                    ahit=0, amiss=0, fhit=0, fmiss=0)
        s.buffer_size = geo['objsize']; s.order = geo['order']
        s.off_slab = geo.get('off_slab', 0)
        s.set_tunables(geo['limit'], geo['batchcount'], geo['shared'])
        s.ac = [AC(s.limit, s.batch) for _ in range(ncpus)]

    def set_tunables(s, limit, batch, shared):
        s.limit, s.batch, s.sh = limit, batch, shared
        s.shared = AC(shared * batch, 0xbaadf00d) if shared else None
        s.free_limit = (1 + s.ncpus) * batch + s.num

    def lst(s, name):
        return getattr(s, name)

class Model:
    def __init__(s, ncpus):
        s.ncpus = ncpus; s.caches = []  # chain order: newest first
        s.fail = 0; s.hook = None; s.out = []; s.labels = {}
        s.cur = 0; s.desc_cache = None

    def cache(s, name):
        for c in s.caches:
            if c.name == name:
                return c
        raise KeyError(name)

    # ---- slab helpers
    def move(s, c, slab, to, head):
        if slab.where is not None:
            c.lst(slab.where).remove(slab)
        l = c.lst(to)
        if head: l.insert(0, slab)
        else: l.append(slab)
        slab.where = to

    def get_obj(s, c, slab):
        slab.inuse += 1
        return (c, slab, slab.chain.pop(0))

    def free_block(s, c, objs):
        for (cc, slab, idx) in objs:
            assert cc is c
            c.lst(slab.where).remove(slab); slab.where = None
            slab.chain.insert(0, idx); slab.inuse -= 1
            c.st['active'] -= 1
            c.free_objects += 1
            if slab.inuse == 0:
                if c.free_objects > c.free_limit:
                    c.free_objects -= c.num
                    s.destroy(c, slab)
                else:
                    s.move(c, slab, 'free', True)
            else:
                s.move(c, slab, 'partial', False)

    def destroy(s, c, slab):
        slab.where = 'gone'
        if c.off_slab:
            s.cfree(s.desc_cache, s.cur, slab.desc)

    # ---- grow / alloc
    def cache_grow(s, c, cpu, atomic):
        offset = c.colour_next
        c.colour_next += 1
        if c.colour_next >= c.colour:
            c.colour_next = 0
        if not atomic and s.hook and s.hook[0] == cpu:
            h = s.hook; s.hook = None
            s.run(h[1])
        if s.fail:
            s.fail -= 1
            return 0
        desc = None
        if c.off_slab:
            desc = s.alloc(s.desc_cache, cpu, atomic)
            if desc is None:
                return 0
        c.nslabs += 1
        slab = Slab(c.nslabs, c.num, offset * c.colour_off)
        slab.desc = desc
        slab.where = None
        c.slabs[c.nslabs] = slab
        s.move(c, slab, 'free', False)
        c.free_objects += c.num
        c.st['grown'] += 1
        return 1

    def refill(s, c, cpu, atomic):
        while True:
            ac = c.ac[cpu]
            bc = ac.batch
            if not ac.touched and bc > 16:
                bc = 16
            assert not ac.e
            done = False
            if c.shared is not None:
                sh = c.shared
                nr = min(len(sh.e), bc, ac.limit - len(ac.e))
                if nr:
                    moved = sh.e[len(sh.e) - nr:]
                    del sh.e[len(sh.e) - nr:]
                    ac.e.extend(moved)
                    ac.touched = 1
                    done = True
            if not done:
                while bc > 0:
                    if c.partial:
                        slab = c.partial[0]
                    else:
                        c.free_touched = 1
                        if c.free:
                            slab = c.free[0]
                        else:
                            break
                    assert slab.inuse < c.num
                    while slab.inuse < c.num and bc > 0:
                        bc -= 1
                        c.st['alloced'] += 1; c.st['active'] += 1
                        c.st['high'] = max(c.st['high'], c.st['active'])
                        ac.e.append(s.get_obj(c, slab))
                    s.move(c, slab, 'full' if not slab.chain else 'partial', True)
                c.free_objects -= len(ac.e)
            if not ac.e:
                x = s.cache_grow(c, cpu, atomic)
                ac = c.ac[cpu]
                if not x and not ac.e:
                    return None
                if not ac.e:
                    continue
            ac.touched = 1
            return ac.e.pop()

    def alloc(s, c, cpu, atomic):
        ac = c.ac[cpu]
        if ac.e:
            c.st['ahit'] += 1
            ac.touched = 1
            return ac.e.pop()
        c.st['amiss'] += 1
        return s.refill(c, cpu, atomic)

    # ---- free
    def flusharray(s, c, ac):
        bc = ac.batch
        if c.shared is not None and c.shared.limit - len(c.shared.e) > 0:
            bc = min(bc, c.shared.limit - len(c.shared.e))
            c.shared.e.extend(ac.e[:bc])
        else:
            s.free_block(c, ac.e[:bc])
        c.st['maxfree'] = max(c.st['maxfree'], len(c.free))
        del ac.e[:bc]

    def cfree(s, c, cpu, obj):
        ac = c.ac[cpu]
        if len(ac.e) < ac.limit:
            c.st['fhit'] += 1
            ac.e.append(obj); return
        c.st['fmiss'] += 1
        s.flusharray(c, ac)
        ac.e.append(obj)

    # ---- reap
    def drain_array(s, c, ac, force):
        if ac is None or not ac.e:
            return
        if ac.touched and not force:
            ac.touched = 0
            return
        tofree = len(ac.e) if force else (ac.limit + 4) // 5
        if tofree > len(ac.e):
            tofree = (len(ac.e) + 1) // 2
        s.free_block(c, ac.e[:tofree])
        del ac.e[:tofree]

    def drain_freelist(s, c, tofree):
        n = 0
        while n < tofree and c.free:
            slab = c.free.pop()
            c.free_objects -= c.num
            s.destroy(c, slab)
            n += 1
        return n

    def reap(s, cpu, expired):
        for c in s.caches:
            s.drain_array(c, c.ac[cpu], 0)
            if not expired:
                continue
            s.drain_array(c, c.shared, 0)
            if c.free_touched:
                c.free_touched = 0
            else:
                c.st['reaped'] += s.drain_freelist(c, (c.free_limit + 5 * c.num - 1) // (5 * c.num))

    def shrink(s, c):
        for cpu in list(range(1, s.ncpus)) + [0]:
            s.cur = cpu
            ac = c.ac[cpu]
            e = ac.e; ac.e = []
            s.free_block(c, e)
        s.cur = 0
        s.drain_array(c, c.shared, 1)
        s.drain_freelist(c, c.free_objects)
        return 1 if (c.full or c.partial) else 0

    def tune(s, c, limit, batch, shared):
        s.cur = 0
        old = [c.ac[i] for i in range(s.ncpus)]
        c.ac = [AC(limit, batch) for _ in range(s.ncpus)]
        for a in old:
            s.free_block(c, a.e)
        oldsh = c.shared
        c.limit, c.batch, c.sh = limit, batch, shared
        if oldsh is not None:
            s.free_block(c, oldsh.e)
        c.set_tunables(limit, batch, shared)

    # ---- ops
    def run(s, op):
        k = op[0]
        if k == 'alloc':
            cpu, name, label = int(op[1]), op[2], op[3]
            s.cur = cpu
            atomic = len(op) > 4
            c = s.cache(name)
            o = s.alloc(c, cpu, atomic)
            if o is None:
                s.out.append('alloc %s null' % label)
            else:
                s.labels[label] = o
                s.out.append('alloc %s slab=%d obj=%d' % (label, o[1].ord, o[2]))
        elif k == 'kmalloc':
            cpu, label = int(op[1]), op[3]
            s.cur = cpu
            c = s.desc_cache
            assert 33 <= int(op[2]) <= 64
            o = s.alloc(c, cpu, len(op) > 4)
            if o is None:
                s.out.append('kmalloc %s null' % label)
            else:
                s.labels[label] = o
                s.out.append('kmalloc %s cache=size-64 slab=%d obj=%d' % (label, o[1].ord, o[2]))
        elif k in ('free', 'kfree'):
            cpu, label = int(op[1]), op[2]
            s.cur = cpu
            o = s.labels.pop(label)
            s.cfree(o[0], cpu, o)
        elif k == 'reap':
            s.cur = int(op[1]); s.reap(int(op[1]), True)
        elif k == 'reap_local':
            s.cur = int(op[1]); s.reap(int(op[1]), False)
        elif k == 'shrink':
            c = s.cache(op[1])
            s.out.append('shrink %s ret=%d' % (op[1], s.shrink(c)))
        elif k == 'fail_pages':
            s.fail = int(op[1])
        elif k == 'irq_hook':
            s.hook = (int(op[2]), op[1:])
        elif k == 'tune':
            c = s.cache(op[1])
            li, ba, sh = int(op[2]), int(op[3]), int(op[4])
            if li >= 1 and ba >= 1 and ba <= li and sh >= 0:
                s.tune(c, li, ba, sh)
            s.out.append('tune %s ok' % op[1])
        elif k == 'state':
            c = s.cache(op[1])
            def L(l):
                return ','.join(str(x.ord) for x in l) or '-'
            sh = '%d/%d' % (len(c.shared.e), c.shared.limit) if c.shared else '-'
            cpus = ' '.join('cpu%d=%d/%d/%d/%d' % (i, len(a.e), a.limit, a.batch, a.touched)
                            for i, a in enumerate(c.ac))
            s.out.append('state %s full=%s partial=%s free=%s free_objects=%d free_limit=%d '
                         'colour_next=%d shared=%s %s' % (c.name, L(c.full), L(c.partial),
                         L(c.free), c.free_objects, c.free_limit, c.colour_next, sh, cpus))
        elif k == 'slabinfo':
            for c in s.caches:
                if c is s.desc_cache:
                    continue
                act = c.num * len(c.full) + sum(x.inuse for x in c.partial)
                aslabs = len(c.full) + len(c.partial)
                nslabs = aslabs + len(c.free)
                line = '%-17s %6d %6d %6d %4d %4d : tunables %4d %4d %4d : slabdata %6d %6d %6d' % (
                    c.name, act, nslabs * c.num, c.buffer_size, c.num, 1 << c.order,
                    c.limit, c.batch, c.sh, aslabs, nslabs, len(c.shared.e) if c.shared else 0)
                if STATS:
                    t = c.st
                    line += ' : globalstat %7d %6d %5d %4d \t\t\t\t%4d %4d %4d %4d %4d' % (
                        t['alloced'], t['high'], t['grown'], t['reaped'], 0, t['maxfree'], 0, 0, 0)
                    line += ' : cpustat %6d %6d %6d %6d' % (t['ahit'], t['amiss'], t['fhit'], t['fmiss'])
                s.out.append(line)
        elif k == 'slab':
            c = s.cache(op[1]); sl = c.slabs[int(op[2])]
            if sl.where == 'gone':
                s.out.append('slab %s %s list=gone' % (op[1], op[2]))
            else:
                s.out.append('slab %s %s list=%s inuse=%d free=%s colour=%d chain=%s' % (
                    op[1], op[2], sl.where, sl.inuse,
                    str(sl.chain[0]) if sl.chain else 'end', sl.colour,
                    ','.join(map(str, sl.chain)) or '-'))
        else:
            raise ValueError(k)


def geometry(binary, header):
    r = subprocess.run([binary, 'replay', '-'], input='\n'.join(header) + '\n',
                       capture_output=True, text=True)
    geos = {}
    for line in r.stdout.splitlines():
        m = re.match(r'create (\S+) (.*)', line)
        if m:
            geos[m.group(1)] = {k: int(v) for k, v in re.findall(r'(\w+)=(\d+)', m.group(2))}
    return r.stdout.splitlines(), geos


GENERAL_OFFSLAB = ['size-%d%s' % (1 << k, d) for k in range(10, 23) for d in ('', '(DMA)')]
SLABLINE = re.compile(r'slab size-64 (\d+) list=(\w+) inuse=(\d+) free=(\w+) colour=(\d+) chain=(\S+)')
STATELINE = re.compile(r'state size-64 full=(\S+) partial=(\S+) free=(\S+) free_objects=(\d+) '
                       r'free_limit=(\d+) colour_next=(\d+) shared=(\S+) (.*)')


def snapshot(binary, prefix, ncpus, debug):
    """Boot-time size-64, emptied by shrink, read back through state/slab."""
    r = subprocess.run([binary, 'replay', '-'], input='\n'.join(prefix) + '\n',
                       capture_output=True, text=True)
    m = STATELINE.match(r.stdout.splitlines()[-1])
    ords = []
    for g in m.group(1, 2, 3):
        ords += [int(x) for x in g.split(',')] if g != '-' else []
    top = max(ords) if ords else 0
    probe = ['slab size-64 %d' % k for k in ords] + \
            ['slab size-64 %d' % k for k in range(top + 1, top + 200)]
    r2 = subprocess.run([binary, 'replay', '-'], input='\n'.join(prefix + probe) + '\n',
                        capture_output=True, text=True)
    lines = r2.stdout.splitlines()
    info = {}
    nslabs = top
    for line in lines:
        sm = SLABLINE.match(line)
        if sm:
            info[int(sm.group(1))] = sm
        elif line.startswith('slab size-64 ') and line.endswith('list=gone'):
            nslabs = max(nslabs, int(line.split()[2]))
    num = 44 if debug else 59
    arrays = dict(re.findall(r'cpu(\d+)=(\S+)', m.group(8)))
    a0 = [int(x) for x in arrays['0'].split('/')]
    sh = m.group(7)
    geo = dict(num=num, colour=0, colour_off=64, limit=a0[1], batchcount=a0[2],
               shared=(int(sh.split('/')[1]) // a0[2]) if sh != '-' else 0,
               objsize=88 if debug else 64, order=0, off_slab=0)
    c = Cache('size-64', geo, ncpus)
    c.nslabs = nslabs
    for name, g in (('full', m.group(1)), ('partial', m.group(2)), ('free', m.group(3))):
        for k in ([int(x) for x in g.split(',')] if g != '-' else []):
            sm = info[k]
            sl = Slab(k, num, int(sm.group(5)))
            sl.inuse = int(sm.group(3))
            sl.chain = [] if sm.group(6) == '-' else [int(x) for x in sm.group(6).split(',')]
            sl.where = name
            c.lst(name).append(sl)
            c.slabs[k] = sl
    c.free_objects = int(m.group(4)); c.free_limit = int(m.group(5))
    c.colour_next = int(m.group(6))
    for i in range(ncpus):
        v = [int(x) for x in arrays[str(i)].split('/')]
        assert v[0] == 0
        c.ac[i].touched = v[3]
    assert sh == '-' or sh.startswith('0/')
    return c, [l for l in lines if not l.startswith('slab size-64 %d ' % (top + 1))][:len(prefix) * 0 + len(lines)]


def gen(seed, binary):
    rnd = random.Random(seed)
    debug = 'debug' in binary
    ncpus = rnd.choice([1, 2, 2, 3, 4, 7, 64])
    offslab = rnd.random() < 0.5
    header = ['cpus %d' % ncpus]
    names = []
    sizes = [8, 24, 40, 64, 100, 200, 256, 300, 480]
    if offslab:
        sizes += [1024, 2048, 4096, 8192] * 3
    for i in range(rnd.randint(1, 3)):
        size = rnd.choice(sizes)
        flags = rnd.choice(['0', 'HWCACHE_ALIGN'])
        name = 'c%d' % i
        header.append('create %s %d 0 %s' % (name, size, flags))
        names.append(name)
    out0, geos = geometry(binary, header)
    m = Model(ncpus)
    for n in names:
        g = geos[n]
        if g['off_slab'] and g['slab_size'] > 56 + 8 * 0 and g['slab_size'] > 64:
            return None
        m.caches.insert(0, Cache(n, g, ncpus))
    lines = list(header)
    # tunes at the start (no hook armed, no fail_pages)
    tunes = []
    for n in names:
        if rnd.random() < 0.6:
            limit = rnd.choice([1, 2, 3, 4, 5, 7, 10, 20, 33])
            batch = rnd.randint(1, limit)
            shared = rnd.choice([0, 0, 1, 2, 3])
            op = ['tune', n, str(limit), str(batch), str(shared)]
            tunes.append(op)
    for op in tunes:
        lines.append(' '.join(op))
    if any(m.cache(n).off_slab for n in names):
        settle = ['shrink ' + n for n in GENERAL_OFFSLAB] + ['shrink size-64', 'reap 0',
                                                              'state size-64']
        prefix = lines + settle
        d, pre_out = snapshot(binary, prefix, ncpus, debug)
        m.desc_cache = d
        m.caches.append(d)
        # the prefix as slabref prints it (creates, tunes, shrinks, state, slab lines)
        qs = ['slab size-64 %d' % k for k in sorted(d.slabs)]
        r = subprocess.run([binary, 'replay', '-'], input='\n'.join(prefix + qs) + '\n',
                           capture_output=True, text=True)
        lines = prefix + qs
        m.out = r.stdout.splitlines()
        for op in tunes:
            c = m.cache(op[1])
            c.set_tunables(int(op[2]), int(op[3]), int(op[4]))
            c.ac = [AC(c.limit, c.batch) for _ in range(ncpus)]
        offslab = True
    else:
        offslab = False
        m.out = list(out0)
        for op in tunes:
            m.run(op)
    live = []
    pending = set()
    lab = 0
    nops = rnd.randint(50, 600)
    for _ in range(nops):
        r = rnd.random()
        cpu = str(rnd.randrange(ncpus))
        if offslab and r < 0.08:
            lab += 1
            op = ['kmalloc', cpu, str(rnd.randint(33, 64)), 'L%d' % lab]
            if rnd.random() < 0.1: op.append('atomic')
        elif r < 0.45 or not live:
            lab += 1
            op = ['alloc', cpu, rnd.choice(names), 'L%d' % lab]
            if rnd.random() < 0.1: op.append('atomic')
        elif r < 0.85:
            l = live.pop(rnd.randrange(len(live)))
            op = [rnd.choice(['free', 'kfree']), cpu, l]
        elif r < 0.89:
            op = ['reap', cpu]
        elif r < 0.93:
            op = ['reap_local', cpu]
        elif r < 0.94:
            op = ['shrink', rnd.choice(names)]
        elif r < 0.955:
            op = ['fail_pages', str(rnd.choice([0, 1, 1, 2, 3]))]
        elif r < 0.97:
            lab += 1
            if live and rnd.random() < 0.5:
                l = live.pop(rnd.randrange(len(live)))
                op = ['irq_hook', rnd.choice(['free', 'kfree']), cpu, l]
            elif offslab and rnd.random() < 0.3:
                op = ['irq_hook', 'kmalloc', cpu, str(rnd.randint(33, 64)), 'L%d' % lab]
            else:
                op = ['irq_hook', 'alloc', cpu, rnd.choice(names), 'L%d' % lab]
        elif r < 0.975:
            if offslab or (m.hook is not None and m.hook[0] == 0):
                continue
            limit = rnd.choice([1, 2, 3, 4, 5, 7, 10, 20, 33, 120])
            batch = rnd.randint(1, limit + 1)
            if m.fail:
                lines.append('fail_pages 0'); m.run(['fail_pages', '0'])
            op = ['tune', rnd.choice(names), str(limit), str(batch), str(rnd.choice([0, 1, 2, 8]))]
        elif r < 0.985:
            op = ['state', rnd.choice(names + (['size-64'] * 2 if offslab else []))]
        else:
            c = m.cache(rnd.choice(names + (['size-64'] if offslab else [])))
            ks = sorted(c.slabs)
            if not ks:
                continue
            op = ['slab', c.name, str(rnd.choice(ks))]
        if op[0] == 'irq_hook' and m.hook is not None:
            # a replaced hook: its free label stays live in our bookkeeping
            if m.hook[1][0] in ('free', 'kfree'):
                live.append(m.hook[1][2])
        if op[0] == 'irq_hook' and op[1] in ('free', 'kfree'):
            pending.add(op[3])
        lines.append(' '.join(op))
        m.run(op)
        if m.hook is None or m.hook[1][0] not in ('free', 'kfree'):
            pending = set()
        else:
            pending = {m.hook[1][2]}
        if op[0] in ('alloc', 'kmalloc') and m.labels.get(op[3]) is not None:
            live.append(op[3])
        # hook allocations that fired
        for lbl in list(m.labels):
            if lbl not in live and lbl not in pending:
                live.append(lbl)
    for n in names:
        lines.append('state ' + n); m.run(['state', n])
    if offslab:
        lines.append('state size-64'); m.run(['state', 'size-64'])
    lines.append('slabinfo'); m.run(['slabinfo'])
    return lines, m.out


if __name__ == '__main__':
    binary = sys.argv[1]
    STATS = 'debug' in binary
    first, count = int(sys.argv[2]), int(sys.argv[3])
    bad = 0
    for seed in range(first, first + count):
        g = gen(seed, binary)
        if g is None:
            continue
        lines, want = g
        trace = '\n'.join(lines) + '\n'
        r = subprocess.run([binary, 'replay', '-'], input=trace, capture_output=True, text=True)
        got = r.stdout.splitlines()
        # keep only the user caches' slabinfo rows
        got = [g for g in got if not (g.startswith('slabinfo - ') or g.startswith('# name') or
               g == 'end' or (g.startswith(('size-', 'kmem_cache ')) and ' : tunables' in g))]
        if got != want or r.returncode != 0:
            bad += 1
            base = os.path.join(tempfile.gettempdir(), 'slabmodel_%d' % seed)
            open(base + '.trace', 'w').write(trace)
            open(base + '.want', 'w').write('\n'.join(want) + '\n')
            print('trace and expected output: %s.trace, %s.want' % (base, base))
            for i, (a, b) in enumerate(zip(got, want)):
                if a != b:
                    print('seed %d line %d:\n got  %s\n want %s' % (seed, i, a, b)); break
            else:
                print('seed %d: lengths %d vs %d rc %d %s' % (seed, len(got), len(want), r.returncode, r.stderr))
    print('slabmodel %s: %d seeds, %d differ' % (os.path.basename(binary), count, bad))
    sys.exit(1 if bad else 0)
