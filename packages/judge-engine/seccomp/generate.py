"""Compiles policy.py into the raw BPF program bwrap loads with --seccomp (libseccomp's own
compiler, through Debian's python3-seccomp: run it with /usr/bin/python3).

    /usr/bin/python3 generate.py OUT.bpf [OUT.pfc]

The optional .pfc is libseccomp's human-readable listing of the same filter, for review."""
import errno
import os
import sys

import seccomp

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import policy  # noqa: E402


def build():
    f = seccomp.SyscallFilter(defaction=seccomp.ERRNO(policy.DEFAULT_ERRNO))
    # i386 `int 0x80` and x32 calls bypass an x86_64 allow-list unless refused as a whole.
    f.set_attr(seccomp.Attr.ACT_BADARCH, seccomp.ERRNO(errno.ENOSYS))
    deny = seccomp.ERRNO(policy.DENY_ERRNO)
    for name in policy.ALLOW:
        f.add_rule(seccomp.ALLOW, name)
    for name in policy.DENY:
        if name != 'personality':  # allowed for a few values below
            f.add_rule(deny, name)
    # clone3 passes its flags in memory, which a filter cannot read: ENOSYS (the default), and
    # glibc falls back to clone(), whose flags are an argument.
    all_namespaces = 0
    for bit in policy.CLONE_NS_FLAGS.values():
        all_namespaces |= bit
        f.add_rule(deny, 'clone', seccomp.Arg(0, seccomp.MASKED_EQ, bit, bit))
    f.add_rule(seccomp.ALLOW, 'clone', seccomp.Arg(0, seccomp.MASKED_EQ, all_namespaces, 0))
    families = set(policy.SOCKET_FAMILIES.values())
    for family in families:
        f.add_rule(seccomp.ALLOW, 'socket', seccomp.Arg(0, seccomp.EQ, family))
    # libseccomp takes one comparison per argument per rule: every other family is listed.
    for family in range(64):
        if family not in families:
            f.add_rule(deny, 'socket', seccomp.Arg(0, seccomp.EQ, family))
    f.add_rule(deny, 'socket', seccomp.Arg(0, seccomp.GE, 64))
    for name in ('preadv2', 'pwritev2'):
        f.add_rule(seccomp.ALLOW, name, seccomp.Arg(5, seccomp.MASKED_EQ, policy.RWF_NOWAIT, 0))
        f.add_rule(deny, name, seccomp.Arg(5, seccomp.MASKED_EQ, policy.RWF_NOWAIT, policy.RWF_NOWAIT))
    for persona in policy.PERSONALITY_OK:
        f.add_rule(seccomp.ALLOW, 'personality', seccomp.Arg(0, seccomp.EQ, persona))
    return f


def main(argv):
    if len(argv) < 2:
        sys.stderr.write(__doc__)
        return 2
    f = build()
    temp = argv[1] + '.tmp'
    with open(temp, 'wb') as out:
        f.export_bpf(out)
    os.replace(temp, argv[1])
    if len(argv) > 2:
        with open(argv[2], 'w') as out:
            f.export_pfc(out)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
