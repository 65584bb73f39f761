#!/usr/bin/env python3
"""Replays the script calls of a recorded Redis MONITOR trace, for bench/redis-cost.sh.

  redis_replay.py prepare TRACE JAR OUT.resp   # the trace's top-level script calls, with JAR's scripts in place of
                                               # the recorded ones (same ARGV, that jar's Lua); prints where the measured window
                                               # starts and ends, its script calls, and how many scripts differ
  redis_replay.py trivial OUT.resp N          # SCRIPT LOAD of `return 1`, then N EVALSHA of it: the floor of a call
  redis_replay.py send OUT.resp PORT START END PID  # sends the calls before START, `callgrind_control -i on PID`,
                                               # the measured window, `-i off`, then the rest

A trace holds every command Redis ran, those a script ran too ('[0 lua]'); only the clients' own script calls
(EVALSHA, SCRIPT LOAD) are kept: replayed in the recorded order on an empty Redis they leave it in the same state
whatever the scripts' text, as long as both sides keep the same key layout and ARGV. RedisQueueBench reads INFO cpu at
the start and end of each window (warm-up, measured): the measured window is the calls between the last two.
"""
import hashlib
import os
import socket
import subprocess
import sys
import zipfile

FOLDER = 'io/vigil/queue/redis/'
CLAIMING = {'claim', 'enqueue', 'ack'}  # RedisScript.CLAIMING: the scripts that carry claiming.lua
ESCAPES = {'n': b'\n', 'r': b'\r', 't': b'\t', 'a': b'\a', 'b': b'\b', '\\': b'\\', '"': b'"'}


def resp(args):
    """One command in Redis's protocol."""
    return b'*%d\r\n' % len(args) + b''.join(b'$%d\r\n%s\r\n' % (len(a), a) for a in args)


def trivial(out_path, n):
    script = b'return 1'
    sha = hashlib.sha1(script).hexdigest().encode()
    with open(out_path, 'wb') as out:
        out.write(resp([b'SCRIPT', b'LOAD', script]))
        for _ in range(n):
            out.write(resp([b'EVALSHA', sha, b'1', b'k', b'1', b'2', b'3']))


def parse(line):
    """The quoted arguments of one MONITOR line (redis-cli prints them as sdscatrepr does)."""
    i, out, n = line.index('] ') + 2, [], len(line)
    while i < n:
        if line[i] != '"':
            i += 1
            continue
        i += 1
        buf = bytearray()
        while line[i] != '"':
            c = line[i]
            if c == '\\':
                e = line[i + 1]
                if e == 'x':
                    buf.append(int(line[i + 2:i + 4], 16))
                    i += 4
                else:
                    buf += ESCAPES[e]
                    i += 2
            else:
                buf += c.encode('utf-8', 'surrogateescape')
                i += 1
        out.append(bytes(buf))
        i += 1
    return out


def scripts_of(jar):
    """name -> (source, sha) as RedisScript.load builds them from the jar's resources."""
    with zipfile.ZipFile(jar) as z:
        def read(f):
            return z.read(FOLDER + f).decode('utf-8')
        names = [os.path.basename(n)[:-4] for n in z.namelist() if n.startswith(FOLDER) and n.endswith('.lua')]
        out = {}
        for name in names:
            if name in ('common', 'claiming'):
                continue
            claiming = '\n-- claiming.lua\n' + read('claiming.lua') if name in CLAIMING else ''
            source = (read('common.lua') + claiming + '\n-- ' + name + '.lua\n' + read(name + '.lua')).encode('utf-8')
            out[name] = (source, hashlib.sha1(source).hexdigest().encode())
        return out


def name_of(source):
    for line in source.split(b'\n'):
        if line.startswith(b'-- ') and line.endswith(b'.lua') and b' ' not in line[3:] and line != b'-- claiming.lua':
            return line[3:-4].decode()
    raise ValueError('not a Vigil script')


def prepare(trace, jar, out_path):
    calls, info_at = [], []
    recorded = {}  # recorded sha -> script name
    with open(trace, encoding='utf-8', errors='surrogateescape') as f:
        for line in f:
            if '[0 lua]' in line or '] "' not in line:
                continue
            args = parse(line.rstrip('\n'))
            cmd = args[0].lower()
            if cmd == b'info' and len(args) > 1 and args[1].lower() == b'cpu':
                info_at.append(len(calls))
            elif cmd == b'script' and args[1].lower() == b'load':
                recorded[hashlib.sha1(args[2]).hexdigest().encode()] = name_of(args[2])
                calls.append(args)
            elif cmd == b'evalsha':
                calls.append(args)
    if len(info_at) < 2:
        sys.exit('the trace holds no measured window (INFO cpu at its start and end)')
    mine = scripts_of(jar)
    with open(out_path, 'wb') as out:
        for args in calls:
            if args[0].lower() == b'script':
                args = [args[0], args[1], mine[name_of(args[2])][0]]
            else:
                args = [args[0], mine[recorded[args[1]]][1]] + args[2:] if args[1] in recorded else args
            out.write(resp(args))
    start, end = info_at[-2], info_at[-1]
    evalshas = sum(1 for a in calls[start:end] if a[0].lower() == b'evalsha')
    changed = sum(1 for sha, name in recorded.items() if mine[name][1] != sha)
    print(start, end, evalshas, changed)


class Replies:
    def __init__(self, sock):
        self.f = sock.makefile('rb')
        self.errors = {}

    def read(self):
        line = self.f.readline()
        kind = line[:1]
        if kind == b'-':
            text = line[1:].strip()[:60].decode('utf-8', 'replace')
            self.errors[text] = self.errors.get(text, 0) + 1
        elif kind == b'$':
            size = int(line[1:])
            if size >= 0:
                self.f.read(size + 2)
        elif kind == b'*':
            for _ in range(max(int(line[1:]), 0)):
                self.read()
        elif kind not in (b'+', b':'):
            raise IOError('unexpected reply: %r' % line[:80])


def send(resp_path, port, start, end, pid):
    data = open(resp_path, 'rb').read()
    # split the stream at command boundaries: each command starts with '*' at a line start
    bounds, i = [], 0
    while i < len(data):
        bounds.append(i)
        count = int(data[i + 1:data.index(b'\r\n', i)])
        i = data.index(b'\r\n', i) + 2
        for _ in range(count):
            size = int(data[i + 1:data.index(b'\r\n', i)])
            i = data.index(b'\r\n', i) + 2 + size + 2
    bounds.append(len(data))
    sock = socket.create_connection(('127.0.0.1', port))
    replies = Replies(sock)

    def run(a, b):
        sock.sendall(data[bounds[a]:bounds[b]])
        for _ in range(b - a):
            replies.read()

    run(0, start)
    subprocess.run(['callgrind_control', '-i', 'on', str(pid)], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    run(start, end)
    subprocess.run(['callgrind_control', '-i', 'off', str(pid)], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    run(end, len(bounds) - 1)
    unexpected = {k: v for k, v in replies.errors.items() if not k.startswith('NOSCRIPT')}
    if unexpected:
        sys.exit('the replay got errors: %s' % unexpected)


if __name__ == '__main__':
    if sys.argv[1] == 'prepare':
        prepare(sys.argv[2], sys.argv[3], sys.argv[4])
    elif sys.argv[1] == 'trivial':
        trivial(sys.argv[2], int(sys.argv[3]))
    elif sys.argv[1] == 'send':
        send(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6]))
    else:
        sys.exit(__doc__)
