#!/usr/bin/python3
# stub.py: the tiny tests of the runner's stub project; each plays one way a run can go
# SPDX-License-Identifier: GPL-3.0-or-later
"""Usage: stub.py MODE [ARGS]   (or stub.py --one SCENARIO, as tap_relay runs a child)"""
import os
import signal
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', '..', 'e2e'))


def ok():
    print('1..2\nok 1 - one\nok 2 - two')


def ok_verbose():
    # Over 8 KiB of output: meson writes a record that big to testlog.json at once, so it is
    # there when meson is killed, as in the reported run ("4 passed, 0 failed" after exit 137).
    ok()
    for i in range(400):
        print(f'# detail {i:3}: as verbose as a real test program')


def exit_ok():
    print('fine')


def kill_meson():
    # Our parent is `meson test`; check, so a change in how meson starts tests cannot make
    # this kill something else.
    with open(f'/proc/{os.getppid()}/cmdline', 'rb') as f:
        parent = f.read().replace(b'\0', b' ').decode()
    if 'meson' not in parent:
        print(f'parent is not meson: {parent}')
        return 1
    os.kill(os.getppid(), signal.SIGKILL)
    return 0


def skip_whole():
    print('1..0 # SKIP the stub needs something missing')


def skip_subtest():
    print('1..2\nok 1 - runs\nok 2 - does not # SKIP the stub lacks something')


def crash_after_ok():
    print('1..3\nok 1 - one\nok 2 - two', flush=True)
    os.kill(os.getpid(), signal.SIGSEGV)


def relay(scenario, marker=None):
    from tap_relay import relay as run
    from harbor_e2e import Tap
    if marker:
        os.environ['STUB_RACE_MARKER'] = marker  # how a child knows it runs again
        if os.path.exists(marker):
            os.unlink(marker)
    tap = Tap()
    run(tap, __file__, scenario)
    return tap.done()


# -- scenario children (stub.py --one NAME), written the way test-sign-in.py's are

def child_exits_after_ok():
    print('ok 1 - signed in', flush=True)
    print('ok 2 - list shown', flush=True)
    raise RuntimeError('teardown failed after every check passed')  # exit status 1


def startup_failure(name, stderr):
    print(f'not ok 1 - {name}\n# E2EError: harbor exited with status 1', flush=True)
    print(stderr, file=sys.stderr, flush=True)
    return 1


def child_display_race():
    marker = os.environ['STUB_RACE_MARKER']
    if not os.path.exists(marker):
        open(marker, 'w').close()
        return startup_failure('child_display_race', '(harbor:4242): Gtk-WARNING **: '
                               '09:16:32.965: cannot open display: :99')
    print('ok 1 - signed in on the second start', flush=True)
    return 0


def child_startup_crash():
    marker = os.environ['STUB_RACE_MARKER']
    if os.path.exists(marker):
        print('started a second time', file=sys.stderr, flush=True)
    open(marker, 'w').close()
    return startup_failure('child_startup_crash', '(harbor:4242): GLib-GObject-CRITICAL **: '
                           '09:16:32.965: g_object_ref: assertion failed')


if __name__ == '__main__':
    if sys.argv[1] == '--one':
        sys.exit(globals()[sys.argv[2]]())
    sys.exit(globals()[sys.argv[1].replace('-', '_')](*sys.argv[2:]))
