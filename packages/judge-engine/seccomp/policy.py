"""The seccomp policy of every sandbox, in readable form (x86_64 syscall names); generate.py
compiles it with libseccomp. An allow-list after Moby's default profile: a call not listed fails with
ENOSYS (it looks like an older kernel, and glibc and Python fall back), an explicitly denied one with
EPERM (a clear "not allowed"). Nothing is killed: a SIGSYS would turn a policy hit into a crash
verdict, and could take down the supervisor."""
import errno

DEFAULT_ERRNO = errno.ENOSYS
DENY_ERRNO = errno.EPERM

# Moby default allow-list (x86_64 names) minus what we deny below.
ALLOW = """
accept accept4 access alarm bind brk capget capset chdir chmod chown clock_getres clock_gettime
clock_nanosleep close close_range connect copy_file_range creat dup dup2 dup3 epoll_create epoll_create1
epoll_ctl epoll_pwait epoll_pwait2 epoll_wait eventfd eventfd2 execve execveat exit exit_group faccessat
faccessat2 fallocate fchdir fchmod fchmodat fchown fchownat fcntl fdatasync fgetxattr flistxattr flock fork
fremovexattr fsetxattr fstat fstatfs fsync ftruncate futex futex_waitv getcpu getcwd getdents getdents64
getegid geteuid getgid getgroups getitimer getpeername getpgid getpgrp getpid getppid getpriority getrandom
getresgid getresuid getrlimit get_robust_list getrusage getsid getsockname getsockopt gettid gettimeofday
getuid getxattr inotify_add_watch inotify_init inotify_init1 inotify_rm_watch ioctl ioprio_get ioprio_set
kill landlock_add_rule landlock_create_ruleset landlock_restrict_self lchown lgetxattr link linkat listen
listxattr llistxattr lremovexattr lseek lsetxattr lstat madvise membarrier memfd_create mkdir mkdirat mknod
mknodat mlock mlock2 mlockall mmap mprotect mq_getsetattr mq_notify mq_open mq_timedreceive mq_timedsend
mq_unlink mremap msgctl msgget msgrcv msgsnd msync munlock munlockall munmap nanosleep newfstatat open openat
openat2 pause pidfd_open pidfd_send_signal pipe pipe2 pkey_alloc pkey_free pkey_mprotect poll ppoll prctl
pread64 preadv prlimit64 pselect6 pwrite64 pwritev read readlink readlinkat readv recvfrom recvmmsg recvmsg
rename renameat renameat2 restart_syscall rmdir rseq rt_sigaction rt_sigpending rt_sigprocmask rt_sigqueueinfo
rt_sigreturn rt_sigsuspend rt_sigtimedwait rt_tgsigqueueinfo sched_getaffinity sched_getattr sched_getparam
sched_get_priority_max sched_get_priority_min sched_getscheduler sched_rr_get_interval sched_setaffinity
sched_setattr sched_setparam sched_setscheduler sched_yield seccomp select semctl semget semop semtimedop
sendfile sendmmsg sendmsg sendto setfsgid setfsuid setgid setgroups setitimer setpgid setpriority setregid
setresgid setresuid setreuid setrlimit set_robust_list setsid setsockopt set_tid_address setuid setxattr
shmat shmctl shmdt shmget shutdown sigaltstack signalfd signalfd4 socketpair splice stat statfs statx symlink
symlinkat sync sync_file_range syncfs sysinfo tee tgkill time timer_create timer_delete timer_getoverrun
timer_gettime timer_settime timerfd_create timerfd_gettime timerfd_settime times tkill truncate umask uname
unlink unlinkat utime utimensat utimes vfork vmsplice wait4 waitid write writev arch_prctl
""".split()

# Explicit denials (EPERM). Page-cache probing/eviction, async/kernel attack surface, privileged ops.
DENY = """
io_uring_setup io_uring_enter io_uring_register keyctl add_key request_key userfaultfd perf_event_open
memfd_secret mincore readahead cachestat fadvise64 io_setup io_submit io_getevents io_cancel io_destroy
io_pgetevents bpf mount umount2 pivot_root chroot move_mount open_tree fsopen fsconfig fsmount fspick
mount_setattr unshare setns kexec_load kexec_file_load init_module finit_module delete_module ptrace
process_vm_readv process_vm_writev process_madvise process_mrelease kcmp pidfd_getfd name_to_handle_at
open_by_handle_at swapon swapoff reboot acct quotactl quotactl_fd syslog iopl ioperm lookup_dcookie
settimeofday clock_settime clock_adjtime adjtimex sethostname setdomainname vhangup remap_file_pages
fanotify_init fanotify_mark modify_ldt uselib ustat sysfs _sysctl nfsservctl get_mempolicy set_mempolicy
mbind migrate_pages move_pages set_mempolicy_home_node personality
""".split()
# clone3 flags live in memory (cannot be inspected): ENOSYS so glibc falls back to clone().
ENOSYS = ["clone3"]

CLONE_NS_FLAGS = {  # any of these in clone() flags -> EPERM
    "CLONE_NEWNS": 0x00020000, "CLONE_NEWCGROUP": 0x02000000, "CLONE_NEWUTS": 0x04000000,
    "CLONE_NEWIPC": 0x08000000, "CLONE_NEWUSER": 0x10000000, "CLONE_NEWPID": 0x20000000,
    "CLONE_NEWNET": 0x40000000}
SOCKET_FAMILIES = {"AF_UNIX": 1, "AF_INET": 2, "AF_INET6": 10}   # others (AF_NETLINK 16, AF_VSOCK 40, ...) -> EPERM
RWF_NOWAIT = 0x8               # preadv2/pwritev2 flags (arg 5 on x86_64): denied with EPERM
PERSONALITY_OK = [0x0, 0x8, 0x20000, 0x20008, 0xffffffff]   # as Moby: PER_LINUX, UNAME26 combos, query
