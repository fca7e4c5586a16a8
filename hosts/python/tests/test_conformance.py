"""Every golden vector, played through this package on Wasmtime, gives the native
engine's envelope byte for byte: on one instance and through a pool of threads."""

from concurrent.futures import ThreadPoolExecutor

from paycore import Paycore, PaycorePool


def test_the_conformance_file_holds_the_golden_vectors(cases):
    assert len(cases) > 100
    assert any(name.startswith("pay.validate/") for name, *_ in cases)


def test_every_vector_one_instance(compiled, cases):
    engine, module = compiled
    pc = Paycore(module, engine=engine)
    failed = []
    for name, op, data, want in cases:
        got = pc.call_bytes(op, data)
        if got != want:
            failed.append(f"{name}\n  native:   {want[:300]!r}\n  wasmtime: {got[:300]!r}")
    assert pc.traps == 0
    assert failed == []


def test_every_vector_pool_of_two_from_four_threads(compiled, cases):
    engine, module = compiled
    with PaycorePool(module, engine=engine, size=2) as pool:
        with ThreadPoolExecutor(max_workers=4) as ex:
            got = list(ex.map(lambda c: pool.call_bytes(c[1], c[2]), cases))
    failed = [c[0] for c, g in zip(cases, got) if g != c[3]]
    assert failed == []
