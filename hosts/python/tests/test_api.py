"""The API: inputs in every form, typed helpers, errors, traps, the pool."""

import json
import subprocess
import sys
import threading

import pytest

from paycore import OPS, Paycore, PaycoreError, PaycorePool, TrapError, input_bytes

from conftest import REPO, cache_dir, wasm_path

SAMPLE = json.loads((REPO / "testvectors" / "examples" / "seed_server_to_server.json").read_text())


@pytest.fixture(scope="module")
def pc(compiled):
    engine, module = compiled
    return Paycore(module, engine=engine)


def test_call_takes_a_dict_json_text_or_bytes(pc):
    from_dict = pc.call_text("pay.validate", SAMPLE)
    assert pc.call_text("pay.validate", json.dumps(SAMPLE)) == from_dict
    assert pc.call_text("pay.validate", json.dumps(SAMPLE).encode()) == from_dict
    env = pc.call("pay.validate", SAMPLE)
    assert env["ok"] is True
    assert env["result"]["valid"] is True
    assert env["result"]["mode"] == "server_to_server"
    assert "4117347806156383" not in from_dict


def test_no_input_means_empty_object(pc):
    assert pc.call("core.info") == pc.call("core.info", {})
    assert input_bytes(None) == b"{}"
    assert pc.info()["abiVersion"] == 1


def test_the_input_buffer_is_reused_and_grows_without_changing_answers(compiled):
    engine, module = compiled
    pc = Paycore(module, engine=engine)
    small = pc.call_bytes("pay.validate", SAMPLE)
    inst = pc._instance
    first, cap = inst._buf, inst._buf_cap
    assert pc.call_bytes("pay.validate", SAMPLE) == small
    assert (inst._buf, inst._buf_cap) == (first, cap), "the same buffer for an input that fits"
    # An input larger than the buffer (padding inside the request: a warning, not
    # a different answer to the rules) grows it; a shorter input after it must not
    # read the longer one's leftover bytes.
    big = dict(SAMPLE, request=dict(SAMPLE["request"], padding="x" * (4 * cap)))
    env = pc.call("pay.validate", big)
    assert env["ok"] is True
    assert inst._buf_cap > cap
    assert pc.call_bytes("pay.validate", SAMPLE) == small
    assert pc.call("core.info")["ok"] is True
    # Over the input limit: refused by its length, the buffer does not grow to hold it.
    grown = inst._buf_cap
    huge = pc.call("pay.validate", b"{" + b" " * (2 << 20) + b"}")
    assert huge["error"]["code"] == "INPUT_TOO_LARGE"
    assert inst._buf_cap == grown


def test_every_op_has_a_helper_and_every_helper_an_op(pc):
    assert sorted(op for op, _ in OPS) == sorted(pc.info()["ops"])
    for _, name in OPS:
        assert callable(getattr(pc, name))


def test_helpers_return_the_result_or_raise_paycore_error(pc):
    assert pc.validate_pay(SAMPLE)["valid"] is True
    with pytest.raises(PaycoreError) as e:
        pc.validate_pay('{"request":')
    assert e.value.op == "pay.validate"
    assert e.value.code == "BAD_JSON"
    assert isinstance(e.value.offset, int)
    with pytest.raises(PaycoreError) as e:
        pc.build_pay({"mode": "nope"})
    assert e.value.code in ("VALIDATION_FAILED", "BAD_INPUT")
    assert pc.call("no.such.op")["error"]["code"] == "UNKNOWN_OP"


def test_a_trap_answers_internal_and_the_next_call_runs_on_a_new_instance(compiled):
    engine, module = compiled
    traps = []
    t = Paycore(module, engine=engine, env={"PAYCORE_GUEST_TEST_OPS": "1"}, on_trap=traps.append)
    assert t.call("__test.panic")["error"]["code"] == "INTERNAL"  # recovered: no trap
    assert t.traps == 0
    assert t.call("__test.trap") == {
        "ok": False,
        "error": {
            "code": "INTERNAL",
            "reason": "wasm_trap",
            "message": "the WebAssembly core failed and its instance was replaced; this is a bug in paycore",
        },
    }
    assert t.traps == 1
    assert isinstance(traps[0], TrapError)
    assert "fatal error" in traps[0].detail
    assert t.validate_pay(SAMPLE)["valid"] is True


def test_out_of_memory_at_the_cap(compiled):
    engine, module = compiled
    traps = []
    t = Paycore(module, engine=engine, env={"PAYCORE_GUEST_TEST_OPS": "1"}, memory_limit=64 << 20, on_trap=traps.append)
    assert t.call("__test.alloc")["error"]["reason"] == "wasm_out_of_memory"
    assert traps[0].reason == "out_of_memory"
    assert t.info()["abiVersion"] == 1


def test_test_ops_are_off_by_default(pc):
    assert pc.call("__test.trap")["error"]["code"] == "UNKNOWN_OP"
    assert pc.traps == 0


def test_pool_runs_callers_in_parallel_threads_and_survives_a_trap(compiled):
    engine, module = compiled
    with PaycorePool(module, engine=engine, size=2, env={"PAYCORE_GUEST_TEST_OPS": "1"}) as pool:
        assert pool.size == 2
        results = []
        lock = threading.Lock()

        def work(i):
            env = pool.call("__test.trap") if i == 3 else pool.call("pay.validate", SAMPLE)
            with lock:
                results.append(env)

        threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
        for th in threads:
            th.start()
        for th in threads:
            th.join(60)
        assert len(results) == 8
        assert sum(1 for r in results if r["ok"] and r["result"]["valid"]) == 7
        assert pool.traps == 1
        assert all(pool.validate_pay(SAMPLE)["valid"] for _ in range(4))
    with pytest.raises(RuntimeError):
        pool.call("core.info")
    with pytest.raises(ValueError):
        PaycorePool(module, engine=engine, size=0)


def test_a_compiled_module_needs_its_engine(compiled):
    _, module = compiled
    with pytest.raises(ValueError):
        Paycore(module)


def test_loading_and_calling_print_nothing():
    code = (
        "from paycore import Paycore\n"
        f"pc = Paycore({str(wasm_path())!r}, cache={cache_dir()!r}, env={{'PAYCORE_GUEST_TEST_OPS': '1'}})\n"
        "assert pc.info()['abiVersion'] == 1\n"
        "assert pc.call('__test.trap')['error']['reason'] == 'wasm_trap'\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300,
                       env={"PYTHONPATH": str(REPO / "hosts" / "python" / "src")})
    assert r.returncode == 0, r.stderr
    assert r.stdout == ""
    assert r.stderr == ""


def test_the_quickstart_example_runs():
    r = subprocess.run([sys.executable, str(REPO / "hosts/python/examples/quickstart.py")], capture_output=True,
                       text=True, timeout=300, env={"PYTHONPATH": str(REPO / "hosts" / "python" / "src")})
    assert r.returncode == 0, r.stderr
    assert "valid: True mode: server_to_server card: 411734******6383" in r.stdout
    assert "POST /ams/sandbox/api/v1/payments/pay signed: True" in r.stdout
    assert "outcome: requires_buyer_action action: redirect" in r.stdout
    assert "code: BAD_JSON" in r.stdout


def test_the_example_inputs_are_the_repository_example_inputs():
    for mine, theirs in [("guide-pay-request.json", "seed_server_to_server.json"), ("intent.json", "intent_server_to_server.json")]:
        assert (REPO / "hosts/python/examples" / mine).read_text() == (REPO / "testvectors/examples" / theirs).read_text(), mine
    key = (REPO / "hosts/python/examples/test-merchant-private-key.pem").read_text()
    assert key == (REPO / "testvectors/keys/merchant_private_pkcs8.pem").read_text()
