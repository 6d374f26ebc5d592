#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Copyright (C) 2026 The auditkit authors
#
# make-real-logs.sh [OUTDIR] - produce tests/data/real/*.log with the real auditd.
#
# Runs Debian's auditd by hand (no systemd) with a private config directory, loads
# the rule sets Debian ships in /usr/share/doc/auditd/examples/rules/ (base config,
# STIG, OSPP v4.2, PCI DSS, injection, module, installer, networking) plus a few
# local rules that make the workload's exec/network/signal activity visible, runs
# a varied workload, and collects audit.log in four flavours:
#
#   raw.log            log_format = RAW,      name_format = NONE
#   enriched.log       log_format = ENRICHED, name_format = NONE
#   raw-node.log       log_format = RAW,      name_format = HOSTNAME  (node=HOST prefix)
#   enriched-node.log  log_format = ENRICHED, name_format = USER (name=ak-node.example)
#
# (the two node= variants are cut to their first 2500 lines to keep the data small)
#
# The kernel's audit state is shared: everything runs under
# flock /tmp/auditkit-kernel.lock, and the state recorded by `auditctl -s` before
# the run (enabled, failure, rate_limit, backlog_limit, backlog_wait_time) is
# restored afterwards, all rules are deleted and the audit PID is checked to be 0.
# The scratch users/groups the workload creates are removed again.
#
# Must run as root.  Never sets enabled=2, never sets loginuid-immutable.
set -u

if [ "${1:-}" != --locked ]; then
	[ "$(id -u)" = 0 ] || { echo "make-real-logs: must run as root" >&2; exit 2; }
	exec flock /tmp/auditkit-kernel.lock bash "$0" --locked "$@"
fi
shift
OUT=$(realpath -m "${1:-tests/data/real}")
RULES_DIR=/usr/share/doc/auditd/examples/rules
SCR=$(mktemp -d /tmp/ak-real.XXXXXX)
chmod 755 "$SCR"
U=akreal          # unprivileged scratch user (its uid becomes the workload's auid)
G=akrealg         # scratch group for groupadd/useradd/passwd events
U2=akreal2
AUDITD_PID=
log() { echo "make-real-logs: $*" >&2; }

# --- the kernel state to restore ------------------------------------------------
auditctl -s >"$SCR/status-before"
st() { awk -v k="$1" '$1 == k { print $2 }' "$SCR/status-before"; }
ORIG_ENABLED=$(st enabled)
ORIG_FAILURE=$(st failure)
ORIG_RATE=$(st rate_limit)
ORIG_BACKLOG=$(st backlog_limit)
ORIG_WAIT=$(st backlog_wait_time)
if [ "$(st pid)" != 0 ]; then
	log "an audit daemon is already registered (pid $(st pid)); not touching it"
	exit 1
fi
if [ "$ORIG_ENABLED" = 2 ]; then
	log "audit is immutable (enabled=2); cannot run"
	exit 1
fi
if [ "$(auditctl -l)" != "No rules" ]; then
	log "rules are loaded already; refusing to clobber them:"
	auditctl -l >&2
	exit 1
fi

cleanup() {
	set +e
	if [ -n "$AUDITD_PID" ] && kill -0 "$AUDITD_PID" 2>/dev/null; then
		auditctl -D >/dev/null
		kill -TERM "$AUDITD_PID"
		wait "$AUDITD_PID"
	fi
	AUDITD_PID=
	auditctl -D >/dev/null
	mountpoint -q "$SCR/work/mnt" 2>/dev/null && umount "$SCR/work/mnt"
	getent passwd "$U2" >/dev/null && userdel "$U2"
	getent group "$G" >/dev/null && groupdel "$G"
	getent passwd "$U" >/dev/null && userdel -r "$U" 2>/dev/null
	getent group "$U" >/dev/null && groupdel "$U"
	auditctl -f "$ORIG_FAILURE" >/dev/null
	auditctl -r "$ORIG_RATE" >/dev/null
	auditctl -b "$ORIG_BACKLOG" >/dev/null
	auditctl --backlog_wait_time "$ORIG_WAIT" >/dev/null
	auditctl -e "$ORIG_ENABLED" >/dev/null
	auditctl -s >"$SCR/status-after"
	local pid
	pid=$(awk '$1 == "pid" { print $2 }' "$SCR/status-after")
	[ "$pid" = 0 ] || log "WARNING: audit pid is $pid after cleanup"
	if ! diff <(grep -Ev '^(lost|backlog|backlog_wait_time_actual) ' "$SCR/status-before") \
		  <(grep -Ev '^(lost|backlog|backlog_wait_time_actual) ' "$SCR/status-after") >&2; then
		log "WARNING: audit status differs from before (see above)"
	fi
	[ "$(auditctl -l)" = "No rules" ] || log "WARNING: rules remain loaded"
	rm -rf "$SCR"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# --- scratch user for the workload ---------------------------------------------
useradd -m -s /bin/sh "$U" || exit 1
echo "$U:Ak-real-pw-1" | chpasswd
UIDA=$(id -u "$U")
W=$SCR/work
mkdir -p "$W/watched" "$W/mnt" "$W/userdir" "$SCR/plugins.d"
chown "$U" "$W/userdir"

# A tiny i386 program (int 0x80) so that arch=b32 records appear: open /etc/shadow,
# chmod a file, exit.  Needs only binutils.
if command -v as >/dev/null && command -v ld >/dev/null; then
	cat >"$SCR/t32.s" <<EOF
.globl _start
_start:
	movl \$5, %eax
	movl \$path, %ebx
	xorl %ecx, %ecx
	int \$0x80
	movl \$15, %eax
	movl \$file, %ebx
	movl \$0600, %ecx
	int \$0x80
	movl \$1, %eax
	xorl %ebx, %ebx
	int \$0x80
.data
path: .asciz "/etc/shadow"
file: .asciz "$W/userdir/b32-file"
EOF
	as --32 -o "$SCR/t32.o" "$SCR/t32.s" && ld -m elf_i386 -o "$SCR/t32" "$SCR/t32.o" &&
		chmod 755 "$SCR/t32"
fi

# --- rules ----------------------------------------------------------------------
# augenrules-like concatenation; -e and --loginuid-immutable lines are dropped so the
# kernel never becomes immutable.  12-ignore-error makes duplicates (STIG and OSPP
# overlap) non-fatal, exactly as on a real system that loads both.
make_rules() {
	{
		for f in 10-base-config 12-ignore-error 30-stig 30-ospp-v42 \
			30-ospp-v42-1-create-failed 30-ospp-v42-1-create-success \
			30-ospp-v42-2-modify-failed 30-ospp-v42-2-modify-success \
			30-ospp-v42-3-access-failed 30-ospp-v42-4-delete-failed \
			30-ospp-v42-5-perm-change-failed 30-ospp-v42-5-perm-change-success \
			30-ospp-v42-6-owner-change-failed 30-ospp-v42-6-owner-change-success \
			30-pci-dss-v31 32-power-abuse 42-injection 43-module-load \
			44-installers 71-networking; do
			cat "$RULES_DIR/$f.rules"
			echo
		done
		# 40-local: what the example sets leave out, limited to the workload's auid.
		cat <<EOF
-a always,exit -F arch=b64 -S execve,execveat -F auid=$UIDA -k ak-exec
-a always,exit -F arch=b32 -S execve -F auid=$UIDA -k ak-exec
-a always,exit -F arch=b32 -S open,chmod -F auid=$UIDA -k ak-b32
-a always,exit -F arch=b64 -S bind,connect,accept,accept4,listen,sendto -F auid=$UIDA -k ak-net
-a always,exit -F arch=b64 -S kill,tkill,tgkill -F auid=$UIDA -k ak-signal
-a always,exit -F arch=b64 -S unlinkat,renameat2,linkat,symlinkat,mkdirat -F auid=$UIDA -k ak-files
-w $W/watched -p rwxa -k ak-watch -k ak-multi-key
EOF
	} | grep -Ev '^[[:space:]]*(-e[[:space:]]|--loginuid-immutable)' >"$SCR/audit.rules"
}

# --- the workload ------------------------------------------------------------------
# Runs with loginuid set to $UIDA (so the auid>=1000 rules of STIG/OSPP fire).
workload() {
	set +e
	echo "$UIDA" >/proc/self/loginuid
	cd "$W" || return
	local d=$W/watched
	# files: create, modify, rename, link, delete, attributes, odd names
	echo hello >"$d/plain"
	echo more >>"$d/plain"
	truncate -s 10 "$d/plain"
	cp "$d/plain" "$d/copy"
	mv "$d/copy" "$d/renamed"
	ln "$d/renamed" "$d/hardlink"
	ln -s "$d/renamed" "$d/symlink"
	mkdir "$d/sub dir"
	for n in "with space" $'new\nline' "ütf8-名前-😀" $'\xff\xfe-invalid' $'tab\there' \
		'quote"double' "quote'single" 'eq=sign key=val' $'ctl\x1b[31mred' $'gs\x1dsep' \
		'semi;colon' '(null)' '?' "$(printf 'x%.0s' $(seq 1 200))"; do
		echo data >"$d/$n"
		cat "$d/$n" >/dev/null
		chmod 640 "$d/$n"
		chown "$U" "$d/$n"
		rm -f "$d/$n"
	done
	chmod 4755 "$d/renamed"
	chmod 0644 "$d/renamed"
	chown "$U:$U" "$d/renamed"
	chgrp root "$d/renamed"
	setfattr -n user.ak -v value "$d/renamed" 2>/dev/null
	setfattr -x user.ak "$d/renamed" 2>/dev/null
	touch -d '2001-02-03 04:05:06' "$d/renamed"
	rm -f "$d/hardlink" "$d/symlink" "$d/renamed" "$d/plain"
	rmdir "$d/sub dir"
	mkdir -p "$W/dir ü space"
	(cd "$W/dir ü space" && ls >/dev/null && touch "f" && rm f)

	# failed opens, as the unprivileged user and as root
	setpriv --reuid="$U" --regid="$U" --clear-groups cat /etc/shadow 2>/dev/null
	setpriv --reuid="$U" --regid="$U" --clear-groups touch /etc/ak-denied 2>/dev/null
	setpriv --reuid="$U" --regid="$U" --clear-groups truncate -s0 /etc/passwd 2>/dev/null
	setpriv --reuid="$U" --regid="$U" --clear-groups chmod 777 /etc/hostname 2>/dev/null
	setpriv --reuid="$U" --regid="$U" --clear-groups chown "$U" /etc/hostname 2>/dev/null
	setpriv --reuid="$U" --regid="$U" --clear-groups rm -f /etc/issue.net 2>/dev/null
	setpriv --reuid="$U" --regid="$U" --clear-groups ls /root 2>/dev/null
	cat /nonexistent/file 2>/dev/null
	setpriv --reuid="$U" --regid="$U" --clear-groups sh -c "echo x > '$W/userdir/mine'; chmod 600 '$W/userdir/mine'; rm '$W/userdir/mine'"
	[ -x "$SCR/t32" ] && setpriv --reuid="$U" --regid="$U" --clear-groups "$SCR/t32"
	[ -x "$SCR/t32" ] && "$SCR/t32"

	# exec of many programs
	for p in ls cat id date uname true false env head tail sort uniq wc grep sed awk tr cut \
		basename dirname stat find xargs sleep hostname whoami tty nproc printenv seq; do
		command -v "$p" >/dev/null && "$p" </dev/null >/dev/null 2>&1
	done
	cp /bin/true "$W/my prog ü"
	"$W/my prog ü"
	printf '#!/bin/sh\necho script "$@"\n' >"$W/script.sh"
	chmod 755 "$W/script.sh"
	"$W/script.sh" arg1 'arg two' >/dev/null
	env -i AK_ENV=1 /bin/sh -c 'exit 3'
	# EXECVE edge cases: arguments with spaces, quotes, UTF-8, newlines, control bytes;
	# one argument longer than the kernel's per-record limit (aN_len, aN[M]); many
	# arguments (several EXECVE records); a command line far beyond 8970 bytes.
	/bin/echo 'two words' '"dq"' "'sq'" 'ü' $'nl\nnl' $'\x01ctl' '' 'a=b' >/dev/null
	/bin/true "$(head -c 20000 /dev/zero | tr '\0' A)" short "$(head -c 9000 /dev/zero | tr '\0' 'b')"
	/bin/true $(seq 1 2500)
	/bin/true "$(head -c 9000 /dev/zero | tr '\0' ' ')x"
	/bin/true "$(seq -s ' ' 1 2000)"

	# accounts: groupadd/useradd/chpasswd/passwd/usermod/userdel/groupdel
	groupadd "$G"
	useradd -M -g "$G" -c "Scratch user" "$U2"
	echo "$U2:S3cret-pw" | chpasswd
	passwd -l "$U2" >/dev/null
	passwd -u "$U2" >/dev/null
	usermod -c "comment with spaces" "$U2"
	gpasswd -a "$U2" "$G" >/dev/null
	chage -M 99999 "$U2"
	userdel "$U2"
	groupdel "$G"

	# su / sudo, including failed authentication through a pty
	su -s /bin/sh -c true "$U"
	su - "$U" -c id >/dev/null
	if command -v sudo >/dev/null; then
		sudo -u "$U" id >/dev/null
		sudo true
		setpriv --reuid="$U" --regid="$U" --clear-groups sudo -n true 2>/dev/null
	fi
	/usr/bin/python3 - "$U" <<'PY'
import os, pty, sys, time
for prog in (["su", "-c", "true", "root"], ["sudo", "-S", "-k", "true"]):
    pid, fd = pty.fork()
    if pid == 0:
        u = sys.argv[1]
        import pwd
        pw = pwd.getpwnam(u)
        os.setgid(pw.pw_gid); os.setuid(pw.pw_uid)
        try:
            os.execvp(prog[0], prog)
        except OSError:
            os._exit(127)
    time.sleep(0.5)
    try:
        os.write(fd, b"wrong-password\n")
        time.sleep(2.5)
        os.write(fd, b"wrong-again\n")
        time.sleep(2.5)
        os.write(fd, b"wrong-thrice\n")
    except OSError:
        pass
    t = time.time()
    while time.time() - t < 8:
        r, st = os.waitpid(pid, os.WNOHANG)
        if r:
            break
        try:
            os.read(fd, 4096)
        except OSError:
            pass
        time.sleep(0.1)
    else:
        os.kill(pid, 9); os.waitpid(pid, 0)
PY

	# network on loopback: tcp4/tcp6 bind/listen/connect/accept, udp, unix (path and
	# abstract), netlink, a refused connection
	/usr/bin/python3 - "$W" <<'PY'
import os, socket, sys
w = sys.argv[1]
for fam, host in ((socket.AF_INET, "127.0.0.1"), (socket.AF_INET6, "::1")):
    try:
        s = socket.socket(fam, socket.SOCK_STREAM); s.bind((host, 0)); s.listen(1)
        c = socket.socket(fam, socket.SOCK_STREAM); c.connect(s.getsockname()[:2])
        a, _ = s.accept(); c.sendall(b"x"); a.recv(1); a.close(); c.close(); s.close()
        u = socket.socket(fam, socket.SOCK_DGRAM); u.bind((host, 0))
        u.sendto(b"y", u.getsockname()[:2]); u.close()
        r = socket.socket(fam, socket.SOCK_STREAM)
        try: r.connect((host, 1))
        except OSError: pass
        r.close()
    except OSError:
        pass
p = os.path.join(w, "sock ü")
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM); s.bind(p); s.listen(1)
c = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM); c.connect(p)
a, _ = s.accept(); a.close(); c.close(); s.close(); os.unlink(p)
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM); s.bind("\0ak-abstract"); s.listen(1)
c = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM); c.connect("\0ak-abstract")
c.close(); s.close()
n = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 0); n.bind((0, 0)); n.close()
try:
    socket.create_connection(("localhost", 9), timeout=1)
except OSError:
    pass
PY

	# mount a tmpfs, time and hostname syscalls that change nothing, signals, a crash
	mount -t tmpfs -o size=1m ak-tmpfs "$W/mnt" && echo x >"$W/mnt/f" && umount "$W/mnt"
	hostname "$(hostname)"
	/usr/bin/python3 -c '
import ctypes
buf = ctypes.create_string_buffer(512)   # struct timex, modes = 0: read only
ctypes.CDLL(None, use_errno=True).adjtimex(buf)'
	sleep 30 &
	local sp=$!
	kill -0 "$sp"
	kill -USR1 "$sp" 2>/dev/null
	wait "$sp" 2>/dev/null
	sh -c 'kill -SEGV $$' 2>/dev/null
	sh -c 'kill -ABRT $$' 2>/dev/null
	/usr/bin/python3 -c 'import ctypes; ctypes.string_at(0)' 2>/dev/null
	# user messages, as auditctl -m (USER records with msg='...')
	auditctl -m 'ak test message with "quotes" and key=value pairs'
	auditctl -m 'ak test message with ütf8 ☃'   # auditctl refuses this one: kept to show it
	# ptrace (42-injection)
	/usr/bin/python3 -c '
import ctypes, os, time
libc = ctypes.CDLL(None, use_errno=True)
pid = os.fork()
if pid == 0:
    time.sleep(2); os._exit(0)
libc.ptrace(16, pid, 0, 0)   # PTRACE_ATTACH
os.waitpid(pid, 0)
libc.ptrace(17, pid, 0, 0)   # PTRACE_DETACH
os.waitpid(pid, 0)' 2>/dev/null
	# audit trail access (PCI/OSPP access-audit-trail) as the user
	setpriv --reuid="$U" --regid="$U" --clear-groups ls /var/log/audit/ 2>/dev/null
	return 0
}

run_one() {
	local name=$1 format=$2 nameformat=$3 maxlines=$4 nodename=${5:-}
	local dir=$SCR/$name
	mkdir -p "$dir/etc"
	cat >"$dir/etc/auditd.conf" <<EOF
local_events = yes
write_logs = yes
log_file = $dir/audit.log
log_group = root
log_format = $format
flush = INCREMENTAL_ASYNC
freq = 50
max_log_file = 200
num_logs = 2
priority_boost = 0
name_format = $nameformat
${nodename:+name = $nodename}
max_log_file_action = IGNORE
space_left = 2
space_left_action = IGNORE
admin_space_left = 1
admin_space_left_action = IGNORE
disk_full_action = IGNORE
disk_error_action = IGNORE
use_libwrap = no
plugin_dir = $SCR/plugins.d
q_depth = 2000
overflow_action = SYSLOG
max_restarts = 10
end_of_event_timeout = 2
EOF
	chmod 640 "$dir/etc/auditd.conf"
	auditd -n -c "$dir/etc" &
	AUDITD_PID=$!
	local i
	for i in $(seq 1 100); do
		[ "$(auditctl -s | awk '$1 == "pid" { print $2 }')" = "$AUDITD_PID" ] && break
		sleep 0.1
	done
	if [ "$(auditctl -s | awk '$1 == "pid" { print $2 }')" != "$AUDITD_PID" ]; then
		log "auditd did not register"
		return 1
	fi
	auditctl -R "$SCR/audit.rules" >"$dir/rules-load.txt" 2>&1
	log "$name: $(auditctl -l | wc -l) rules loaded"
	(workload) >/dev/null 2>&1
	sleep 3       # let end_of_event_timeout flush the last events
	auditctl -D >/dev/null
	kill -TERM "$AUDITD_PID"
	wait "$AUDITD_PID"
	AUDITD_PID=
	mkdir -p "$OUT"
	# keep the committed data a few MB: the node= variants are cut at a line boundary
	head -n "$maxlines" "$dir/audit.log" >"$OUT/$name.log"
	log "$name: $(wc -l <"$OUT/$name.log") lines, $(wc -c <"$OUT/$name.log") bytes"
}

make_rules
run_one raw RAW NONE 1000000 || exit 1
run_one enriched ENRICHED NONE 1000000 || exit 1
run_one raw-node RAW HOSTNAME 2500 || exit 1
run_one enriched-node ENRICHED USER 2500 ak-node.example || exit 1
cp "$SCR/audit.rules" "$OUT/audit.rules"
{
	echo "kernel: $(uname -sr) $(uname -m)"
	echo "auditd: $(dpkg-query -W -f '${Package} ${Version}' auditd 2>/dev/null)"
	echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
} >"$OUT/ENVIRONMENT"
log "done; logs in $OUT"
