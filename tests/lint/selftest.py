"""selftest.py: the proof that a lint script can fail, shared by the three.

A lint that has never failed proves nothing, so each script's --self-test
mode runs the script itself (a child process, exit code and output as
ctest sees them) over small trees written here:

  - a clean tree must pass (exit 0);
  - the same tree with one planted violation must fail (exit 1) and name
    the planted file and line in its output;
  - a copy of the real source tree with the same files planted beside its
    own must fail and name the planted line too, whatever else the real
    tree holds today, so the rule is known to reach the real files and
    not only the fixtures.

A case is (name, files, plant) where files maps a path relative to the
root to its text, and plant is None (the clean tree) or (path, text,
needle): the file written (or replaced) and a string the report must
hold, usually "path:line".
"""

import os
import shutil
import subprocess
import sys
import tempfile


def write_tree(root, files):
    for rel, text in files.items():
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)


def run(script, root):
    p = subprocess.run([sys.executable, script, root], capture_output=True, text=True)
    return p.returncode, p.stdout + p.stderr


def check(script, name, root, want_rc, needles, failures):
    rc, out = run(script, root)
    bad = []
    if rc != want_rc:
        bad.append("exited %d, expected %d" % (rc, want_rc))
    for n in needles:
        if n not in out:
            bad.append("output lacks %r" % n)
    print("%s: %s" % ("ok  " if not bad else "FAIL", name))
    if bad:
        failures.append(name)
        for b in bad:
            print("      " + b)
        lines = out.splitlines()
        for line in lines[:40]:
            print("      | " + line)
        if len(lines) > 40:
            print("      | ... (%d more lines)" % (len(lines) - 40))


def copy_real(src_root, dst):
    """The parts of the real tree the lints read: src/ and include/."""
    for part in ("src", "include"):
        shutil.copytree(os.path.join(src_root, part), os.path.join(dst, part))


def selftest(script, src_root, clean, cases):
    """clean: the files of a tree that passes; cases: (name, files, plants)
    where plants is a list of (path, text, needle) written over clean.
    Returns the exit code for the script's --self-test mode."""
    failures = []
    with tempfile.TemporaryDirectory(prefix="docket-lint-") as tmp:
        root = os.path.join(tmp, "clean")
        write_tree(root, clean)
        check(script, "a clean tree passes", root, 0, [], failures)
        for i, (name, plants) in enumerate(cases):
            root = os.path.join(tmp, "case%d" % i)
            write_tree(root, clean)
            write_tree(root, {p: t for p, t, _ in plants})
            want = 0 if all(n is None for _, _, n in plants) else 1
            check(script, name, root, want, [n for _, _, n in plants if n], failures)
            if want == 1:
                real = os.path.join(tmp, "real%d" % i)
                copy_real(src_root, real)
                # the planted files beside the real ones; a case whose
                # files would replace a real one is not repeated there, so
                # that the real file is left whole
                if not any(os.path.exists(os.path.join(real, p)) for p, _, _ in plants):
                    write_tree(real, {p: t for p, t, _ in plants})
                    check(script, name + " (in a copy of the real tree)", real, 1,
                          [n for _, _, n in plants if n], failures)
    if failures:
        print("%d self-test case(s) failed" % len(failures))
        return 1
    print("all self-test cases passed")
    return 0
