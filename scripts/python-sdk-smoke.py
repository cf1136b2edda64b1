# Smoke test: the official Telnyx Python SDK (PyPI `telnyx`, pinned in
# scripts/python-sdk-requirements.txt) driving `telnyx-porting sandbox`. Run by
# cli/tests/sandbox_server.rs (so by `cargo test` and scripts/test.sh, which installs the SDK
# into .venv-sdk/) as: .venv-sdk/bin/python scripts/python-sdk-smoke.py path/to/telnyx-porting
#
# Starts the server on a free port, reads the URL from its first stdout line, creates,
# retrieves and lists porting orders and runs a portability check through the SDK, checks
# that a refusal reaches the SDK as its 422 error class, then stops the server with SIGTERM
# and expects exit 0. Every wait is bounded.
import queue
import re
import signal
import subprocess
import sys
import threading

import telnyx

KEY = "KEYSANDBOX_not_a_real_key"
WAIT_S = 20.0


def fail(message):
    print(f"python-sdk-smoke: {message}", file=sys.stderr)
    sys.exit(1)


def first_line(server):
    """The server's first stdout line, or None if it closes stdout first; bounded by WAIT_S."""
    lines = queue.Queue()
    threading.Thread(
        target=lambda: lines.put(server.stdout.readline()), daemon=True
    ).start()
    try:
        line = lines.get(timeout=WAIT_S)
    except queue.Empty:
        return None
    return line.rstrip("\n") if line else None


def drive(base_url):
    client = telnyx.Telnyx(api_key=KEY, base_url=base_url, max_retries=0, timeout=WAIT_S)
    created = client.porting_orders.create(
        phone_numbers=["+13035550000", "+13035550001"],
        customer_reference="python-sdk-smoke",
    )
    if not created.data:
        fail(f"create: {created!r}")
    order_id = created.data[0].id
    got = client.porting_orders.retrieve(order_id)
    if got.data.id != order_id or got.data.customer_reference != "python-sdk-smoke":
        fail(f"retrieve: {got!r}")
    listed = 0
    for seen, order in enumerate(client.porting_orders.list()):
        if order.id == order_id:
            listed += 1
        if seen > 1000:
            break
    if listed != 1:
        fail(f"list: the created order was listed {listed} times")
    check = client.portability_checks.run(phone_numbers=["+13035550000"])
    if not check.data or check.data[0].phone_number != "+13035550000":
        fail(f"portability check: {check!r}")
    try:
        client.porting_orders.create(phone_numbers=["3035550000"])
    except telnyx.UnprocessableEntityError as e:
        if e.status_code != 422:
            fail(f"a bad number should be a 422, got {e.status_code}")
    except telnyx.APIError as e:
        fail(f"a bad number should be an UnprocessableEntityError, got {e!r}")
    else:
        fail("a bad number was accepted")


def main():
    if len(sys.argv) != 2:
        print("usage: python scripts/python-sdk-smoke.py path/to/telnyx-porting", file=sys.stderr)
        sys.exit(2)
    server = subprocess.Popen(
        [sys.argv[1], "sandbox", "--port", "0"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        line = first_line(server)
        if line is None:
            fail("no listening line within the wait (or the server exited first)")
        match = re.fullmatch(r"listening on (http://\S+/v2)", line)
        if not match:
            fail(f"unexpected first line: {line!r}")
        try:
            drive(match.group(1))
        except telnyx.TelnyxError as e:
            fail(f"the SDK call failed: {e!r}")
        server.send_signal(signal.SIGTERM)
        try:
            code = server.wait(timeout=WAIT_S)
        except subprocess.TimeoutExpired:
            fail("the server did not stop within the wait after SIGTERM")
        if code != 0:
            fail(f"the server exited with {code} after SIGTERM, not 0")
    finally:
        if server.poll() is None:
            server.kill()
            server.wait(timeout=WAIT_S)
    print("python-sdk-smoke: ok")


if __name__ == "__main__":
    main()
