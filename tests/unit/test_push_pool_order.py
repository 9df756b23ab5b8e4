"""Pushes waiting for a push process are served first come, first served."""

from __future__ import annotations

import asyncio

from central.push_pool import PushPool


def _pool_with_one_busy_process() -> tuple[PushPool, object]:
    pool = PushPool("postgresql://unused", size=1, nice=0)  # no process is started: only the waiting line
    process = object()
    pool._release(process)
    return pool, process


def test_a_freed_process_goes_to_the_push_that_waited_not_to_one_arriving_that_moment() -> None:
    async def scenario() -> list[str]:
        pool, process = _pool_with_one_busy_process()
        busy = await pool._acquire()
        served: list[str] = []

        async def push(name: str) -> None:
            slot = await pool._acquire()
            served.append(name)
            await asyncio.sleep(0)
            pool._release(slot)

        waiting = asyncio.create_task(push("waited"))
        await asyncio.sleep(0)  # it is in line now
        pool._release(busy)
        await push("arrived as the process was freed")  # runs before the woken push resumes
        await waiting
        return served

    assert asyncio.run(scenario()) == ["waited", "arrived as the process was freed"]


def test_a_push_that_gives_up_after_being_handed_a_process_passes_it_on() -> None:
    async def scenario() -> bool:
        pool, _ = _pool_with_one_busy_process()
        busy = await pool._acquire()
        gone = asyncio.create_task(pool._acquire())
        patient = asyncio.create_task(pool._acquire())
        await asyncio.sleep(0)
        pool._release(busy)  # handed to the first in line, whose desk hangs up before it resumes
        gone.cancel()
        slot = await asyncio.wait_for(patient, timeout=5)
        return slot is busy

    assert asyncio.run(scenario())


def test_a_push_that_gives_up_while_waiting_leaves_the_line() -> None:
    async def scenario() -> tuple[int, bool]:
        pool, _ = _pool_with_one_busy_process()
        busy = await pool._acquire()
        gone = asyncio.create_task(pool._acquire())
        await asyncio.sleep(0)
        gone.cancel()
        await asyncio.sleep(0)
        pool._release(busy)
        again = await asyncio.wait_for(pool._acquire(), timeout=5)  # free at once: no one is in line
        return len(pool._waiters), again is busy

    assert asyncio.run(scenario()) == (0, True)
