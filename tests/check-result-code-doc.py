#!/usr/bin/env python3
# check-result-code-doc.py — the reference decoder of docs/result-code.md against linecheck
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs the Python block of the documentation as another support tool would use it: codes it
# writes must decode in `linecheck --decode --json` to the same fields and be written back the
# same, and the documented example must read as the page says. TAP output.
# Usage: check-result-code-doc.py DOCS/result-code.md  (LC_BINARY: the linecheck binary)
import json
import os
import random
import re
import subprocess
import sys

doc = open(sys.argv[1], encoding="utf-8").read()
blocks = re.findall(r"```python\n(.*?)```", doc, re.S)
assert len(blocks) == 1, "the page has one Python block"
reference = {}
exec(blocks[0], reference)
binary = os.environ["LC_BINARY"]
tests = []


def test(function):
    tests.append(function)
    return function


def linecheck_decode(code):
    env = dict(os.environ)
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    run = subprocess.run([binary, "--decode", code, "--json"], capture_output=True, text=True,
                         env=env, timeout=30)
    return run.returncode, run.stdout, run.stderr


STATUS = ["none", "pass", "warn", "fail"]


def assert_same(fields, decoded):
    assert decoded["format"] == fields["format"]
    assert decoded["verdict"] == STATUS[fields["verdict"]]
    steps = decoded["steps"]
    assert [steps[s] for s in ("firewall", "edge", "media", "context")] == \
        [STATUS[fields[s]] for s in ("firewall", "edge_step", "media_step", "context")]
    assert [decoded["services"][s] for s in ("rtc", "acd", "ice", "other")] == \
        [STATUS[fields[s]] for s in ("rtc", "acd", "ice", "other")]
    assert decoded["media"]["direct"] == STATUS[fields["direct"]]
    assert decoded["media"]["relay"] == STATUS[fields["relay"]]
    assert decoded["cause_number"] == fields["cause"]
    assert decoded["failed_checks"]["count"] == fields["failed_checks"]
    assert decoded["rules_to_open"]["count"] == fields["rules_to_open"]
    if fields["edge"] == 0:
        assert decoded["edge"] is None
    else:
        assert decoded["edge"]["position"] == fields["edge"]
        assert decoded["edge"]["nearest"] == bool(fields["nearest"])
    for figure, bounds in reference["BOUNDS"].items():
        b = fields[figure]
        if b == 0:
            assert decoded[figure] is None
        else:
            assert decoded[figure]["bucket"] == b
            low = decoded[figure]["min"]
            assert (low is None) if b == 1 else abs(low - bounds[b - 1]) < 1e-9


@test
def documented_example_reads_as_the_page_says():
    fields = reference["decode"]("39B1-0J20-MSB0-CS1D")
    expected = dict(format=1, verdict=2, firewall=2, edge_step=1, media_step=1, context=1,
                    rtc=2, acd=0, ice=1, other=0, direct=0, relay=1, cause=2, rules_to_open=1,
                    failed_checks=0, edge=2, nearest=1, rtt_ms=3, jitter_ms=1,
                    loss_percent=2, mos=6, reserved=0)
    assert fields == expected, fields
    assert reference["bucket"]("rtt_ms", 42) == 3
    assert reference["bucket"]("mos", 4.38) == 6
    assert reference["encode"](expected) == "39B1-0J20-MSB0-CS1D"
    # The reading rules: lower case, I/L/O, spaces.
    assert reference["decode"]("39bi oj2o msbo cs1d") == expected


@test
def codes_written_from_the_page_decode_the_same_in_linecheck():
    rng = random.Random(20261124)
    for _ in range(120):
        fields = {name: rng.randrange(1 << width) for name, width in reference["LAYOUT"]}
        fields.update(format=1, verdict=rng.randrange(1, 4), reserved=0)
        if fields["edge"] == 0:
            fields["nearest"] = 0
        code = reference["encode"](fields)
        status, out, err = linecheck_decode(code)
        assert status == 0, (code, err)
        decoded = json.loads(out)
        # linecheck writes the code back from what it read: the same characters.
        assert decoded["code"] == code, (decoded["code"], code)
        assert_same(fields, decoded)


@test
def a_typo_the_page_refuses_linecheck_refuses_too():
    rng = random.Random(7)
    for _ in range(40):
        fields = {name: rng.randrange(1 << width) for name, width in reference["LAYOUT"]}
        fields.update(format=1, verdict=3, reserved=0, nearest=0, edge=0)
        code = reference["encode"](fields).replace("-", "")
        position = rng.randrange(16)
        other = rng.choice([c for c in reference["ALPHABET"] if c != code[position]])
        typo = code[:position] + other + code[position + 1:]
        try:
            reference["decode"](typo)
            raise AssertionError("the page's decoder accepted " + typo)
        except reference["Refused"]:
            pass
        status, out, err = linecheck_decode(typo)
        assert status == 2 and out == "" and "The check does not match" in err, (typo, err)


@test
def a_newer_format_is_refused_by_both():
    fields = {name: 0 for name, _ in reference["LAYOUT"]}
    fields.update(format=3, verdict=1)
    code = reference["encode"](fields)
    status, out, err = linecheck_decode(code)
    assert status == 2 and "newer Linecheck (format 3)" in err, err
    try:
        reference["decode"](code)
        raise AssertionError("accepted a newer format")
    except reference["Refused"] as refused:
        assert "format 3" in str(refused)


print("1..%d" % len(tests))
failed = 0
for number, function in enumerate(tests, 1):
    try:
        function()
        print("ok %d %s" % (number, function.__name__))
    except Exception as error:  # a TAP line per failure, with what went wrong
        failed += 1
        print("not ok %d %s # %r" % (number, function.__name__, error))
sys.exit(1 if failed else 0)
