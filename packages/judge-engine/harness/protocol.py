"""Wire protocol between the judge host and the harness (see README.md).

Host -> harness (stdin): "<N>\\n" + N bytes of header JSON, then for each test, in order, "<M>\\n" and
its M input bytes. Inputs are spliced straight from the pipe into per-test memfds, so they never sit
in the harness's Python heap where a forked child could find the other tests' inputs; and a test's
size is read only when its turn comes, so no later test's size is in the harness's memory either.
Harness -> host (a private pipe): one JSON object per line.
"""
import os

import fastjson

MAX_HEADER_BYTES = 16 * 1024 * 1024


class ProtocolError(Exception):
    pass


def read_exact(fd, count):
    chunks = []
    while count > 0:
        chunk = os.read(fd, min(count, 1 << 20))
        if not chunk:
            raise ProtocolError('unexpected end of the bundle stream')
        chunks.append(chunk)
        count -= len(chunk)
    return b''.join(chunks)


def read_length(fd, what):
    """A decimal length on a line of its own."""
    digits = b''
    while True:
        byte = os.read(fd, 1)
        if not byte:
            raise ProtocolError('no %s length on stdin' % what)
        if byte == b'\n':
            break
        digits += byte
        if len(digits) > 12 or not byte.isdigit():
            raise ProtocolError('malformed %s length line' % what)
    return int(digits)


def read_header(fd):
    size = read_length(fd, 'header')
    if not 0 < size <= MAX_HEADER_BYTES:
        raise ProtocolError('header size out of range')
    return fastjson.loads(read_exact(fd, size))


def splice_into(src_fd, dst_fd, count):
    """Moves `count` bytes from the bundle pipe into a memfd without copying them through Python."""
    remaining = count
    try:
        while remaining > 0:
            moved = os.splice(src_fd, dst_fd, min(remaining, 1 << 20))
            if moved == 0:
                raise ProtocolError('unexpected end of test input')
            remaining -= moved
        return
    except OSError:
        if remaining != count:
            raise
    # splice unsupported here: copy through a scratch buffer that is wiped afterwards.
    buffer = bytearray(min(remaining, 1 << 16))
    view = memoryview(buffer)
    try:
        while remaining > 0:
            got = os.readv(src_fd, [view[: min(remaining, len(buffer))]])
            if got == 0:
                raise ProtocolError('unexpected end of test input')
            written = 0
            while written < got:
                written += os.write(dst_fd, view[written:got])
            remaining -= got
    finally:
        buffer[:] = bytes(len(buffer))


class EventWriter:
    """Writes JSON lines to the host on a private fd that no test child ever holds."""

    def __init__(self, fd):
        self.fd = fd

    def emit(self, event):
        data = (fastjson.dumps(event) + '\n').encode('ascii')
        view = memoryview(data)
        while view:
            written = os.write(self.fd, view)
            view = view[written:]
