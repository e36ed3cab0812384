#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""check-truth: lc-impair's packet-level truth matches what really crossed it.

Sends RTP packets through the relay to a UDP echo on loopback, three streams in the three
framings the relay reads (bare RTP, TURN ChannelData, a STUN Send indication with a DATA
attribute), with loss, jitter and reordering, plus RTCP and non-RTP datagrams it must leave
out. Then checks, per direction and SSRC:
- the summary's received / forwarded counts and the --record file's sequence numbers are
  exactly the packets the echo (up) and the client (down) saw;
- the summary's in-sequence RFC 3550 jitter (up, at the relay's output) is what the echo
  computes from its own arrivals, within 0.5 ms.

  tests/impair/check-truth.py [--relay build/tests/lc-impair]

Only 127.0.0.1. Exit 0 when every check holds, 1 otherwise. Python 3 standard library only.
"""

import argparse
import json
import os
import re
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time

COUNT = 250
SPACING_S = 0.02
STREAMS = [(0x11111111, "bare"), (0x22222222, "channel"), (0x33333333, "send")]


def rtp(ssrc, seq, ts):
    payload = bytes(60)
    return struct.pack("!BBHII", 0x80, 111, seq & 0xFFFF, ts & 0xFFFFFFFF, ssrc) + payload


def frame(kind, packet):
    if kind == "bare":
        return packet
    if kind == "channel":
        pad = (-len(packet)) % 4
        return struct.pack("!HH", 0x4001, len(packet)) + packet + bytes(pad)
    # STUN Send indication: XOR-PEER-ADDRESS (dummy) then DATA.
    peer = struct.pack("!HHBBH4s", 0x0012, 8, 0, 1, 0x1234, bytes(4))
    pad = (-len(packet)) % 4
    data = struct.pack("!HH", 0x0013, len(packet)) + packet + bytes(pad)
    body = peer + data
    return struct.pack("!HHI12s", 0x0016, len(body), 0x2112A442, os.urandom(12)) + body


def unframe(data):
    """The RTP packet inside a datagram, or None (the relay's own rule, written again)."""
    if len(data) >= 4 and 0x40 <= data[0] <= 0x4F:
        (length,) = struct.unpack("!H", data[2:4])
        data = data[4:4 + length]
    elif len(data) >= 20 and data[4:8] == b"\x21\x12\xa4\x42":
        at, end = 20, 20 + struct.unpack("!H", data[2:4])[0]
        inner = None
        while at + 4 <= end:
            t, n = struct.unpack("!HH", data[at:at + 4])
            if t == 0x0013:
                inner = data[at + 4:at + 4 + n]
                break
            at += 4 + ((n + 3) & ~3)
        if inner is None:
            return None
        data = inner
    if len(data) < 12 or not 128 <= data[0] <= 191 or 64 <= (data[1] & 0x7F) < 96:
        return None
    return data


def rfc3550_in_sequence(arrivals):
    """Mean running jitter (ms) from the 16th packet in sequence on: (t_s, seq, ts) in
    arrival order; packets older than the highest sequence number seen are left out."""
    top = last = None
    j, values, n = 0.0, [], 0
    for t, seq, ts in arrivals:
        if top is not None:
            seq = top + ((seq - top + 32768) % 65536) - 32768   # unwrap near the highest
            if seq <= top:
                continue
        top = seq
        if last is not None and ts != last[1]:
            d = (t - last[0]) * 48000 - (ts - last[1])
            j += (abs(d) - j) / 16
            n += 1
            if n >= 16:
                values.append(j)
        last = (t, ts)
    return 1000 * sum(values) / len(values) / 48000 if values else None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--relay", default=os.environ.get("LC_IMPAIR", "build/tests/lc-impair"))
    args = parser.parse_args()

    echo = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    echo.bind(("127.0.0.1", 0))
    echo.settimeout(0.2)
    at_echo = {}          # ssrc -> [(t, seq, ts)] as the echo received them
    stop = threading.Event()

    def serve():
        while not stop.is_set():
            try:
                data, peer = echo.recvfrom(65536)
            except socket.timeout:
                continue
            now = time.monotonic()
            inner = unframe(data)
            if inner is not None:
                seq, ts, ssrc = struct.unpack("!HII", inner[2:12])
                at_echo.setdefault(ssrc, []).append((now, seq, ts))
            echo.sendto(data, peer)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()

    work = tempfile.mkdtemp(prefix="lc-impair-truth-")
    record = os.path.join(work, "packets")
    cmd = [args.relay, "--listen", "127.0.0.1:0", "--target", f"127.0.0.1:{echo.getsockname()[1]}",
           "--delay-ms", "30", "--jitter-ms", "20", "--loss-percent", "8", "--seed", "3",
           "--duration-s", "30", "--json", "--record", record]
    relay = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    port = None
    for line in relay.stdout:
        m = re.search(r"listening on \S+:(\d+)", line)
        if m:
            port = int(m.group(1))
            break
    if port is None:
        print("check-truth: the relay did not start", file=sys.stderr)
        return 1

    client = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    client.bind(("127.0.0.1", 0))
    client.setblocking(False)
    at_client = {}
    start = time.monotonic()
    base_seq = 65500            # wraps during the run
    for i in range(COUNT):
        while time.monotonic() < start + i * SPACING_S:
            time.sleep(0.001)
        for ssrc, kind in STREAMS:
            client.sendto(frame(kind, rtp(ssrc, base_seq + i, 1000 + 960 * i)),
                          ("127.0.0.1", port))
        if i % 10 == 0:   # RTCP and a STUN binding request: not RTP, left out
            client.sendto(struct.pack("!BBHI", 0x80, 200, 1, 0x11111111) + bytes(20),
                          ("127.0.0.1", port))
            client.sendto(struct.pack("!HHI12s", 0x0001, 0, 0x2112A442, os.urandom(12)),
                          ("127.0.0.1", port))
        try:
            while True:
                data = client.recv(65536)
                inner = unframe(data)
                if inner is not None:
                    seq, ts, ssrc = struct.unpack("!HII", inner[2:12])
                    at_client.setdefault(ssrc, set()).add(seq)
        except BlockingIOError:
            pass
    deadline = time.monotonic() + 0.5
    client.settimeout(0.05)
    while time.monotonic() < deadline:
        try:
            inner = unframe(client.recv(65536))
            if inner is not None:
                seq, ts, ssrc = struct.unpack("!HII", inner[2:12])
                at_client.setdefault(ssrc, set()).add(seq)
        except socket.timeout:
            pass
    relay.terminate()
    out = relay.communicate(timeout=10)[0]
    stop.set()
    thread.join()
    summary = json.loads([line for line in out.splitlines() if line.startswith("{")][-1])

    recorded = {}
    with open(record) as f:
        for line in f:
            event, direction, _client, ssrc, _pt, seq, _ts, _at = line.split()
            recorded.setdefault((direction, int(ssrc), event), set()).add(int(seq))

    failures = []

    def check(ok, text):
        print(("ok   " if ok else "FAIL ") + text)
        if not ok:
            failures.append(text)

    streams = {(s["direction"], s["ssrc"]): s for s in summary["streams"]}
    check(len(streams) == 6, f"6 RTP streams (3 SSRCs × 2 directions), not RTCP or STUN: "
                             f"{len(streams)}")
    for ssrc, kind in STREAMS:
        up, down = streams.get(("up", ssrc)), streams.get(("down", ssrc))
        if up is None or down is None:
            check(False, f"{kind}: both directions seen")
            continue
        echoed = {seq for _, seq, _ in at_echo.get(ssrc, [])}
        check(up["received"] == COUNT, f"{kind}: up received {up['received']} = {COUNT} sent")
        check(up["forwarded"] == len(at_echo.get(ssrc, [])),
              f"{kind}: up forwarded {up['forwarded']} = {len(at_echo.get(ssrc, []))} at the echo")
        check(recorded.get(("up", ssrc, "forwarded"), set()) == echoed,
              f"{kind}: the record's forwarded sequence numbers are those the echo got")
        check(down["received"] == len(echoed), f"{kind}: down received {down['received']} = "
                                               f"{len(echoed)} echoed")
        got = at_client.get(ssrc, set())
        check(down["forwarded"] == len(got) and
              recorded.get(("down", ssrc, "forwarded"), set()) == got,
              f"{kind}: down forwarded {down['forwarded']} = {len(got)} at the client")
        lost = recorded.get(("up", ssrc, "dropped"), set())
        check(len(lost) == COUNT - len(echoed) and not lost & echoed,
              f"{kind}: the record's dropped ones ({len(lost)}) are exactly those missing")
        mine = rfc3550_in_sequence(at_echo.get(ssrc, []))
        check(mine is not None and up["jitter_ms"] is not None and
              abs(mine - up["jitter_ms"]) < 0.5,
              f"{kind}: in-sequence jitter up {up['jitter_ms']:.2f} ms at the relay, "
              f"{mine:.2f} ms at the echo; {up['out_of_order']} out of order")
    check(any(s["out_of_order"] > 0 for s in streams.values()), "±20 ms at 20 ms reorders")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
