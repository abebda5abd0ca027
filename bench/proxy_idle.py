#!/usr/bin/env python3
"""Idle TCP connections for measuring a proxy's memory per connection.

  proxy_idle.py upstream PORT_FILE              accept and hold every connection; writes the port
                                                to PORT_FILE, then "held N" to stdout each second
  proxy_idle.py clients PORT N HOLD_SECONDS     open N connections to 127.0.0.1:PORT, print
                                                "open N", hold them HOLD_SECONDS, close them

Two processes, so that neither needs more than N descriptors (the proxy needs 2 N).
"""
import asyncio
import sys


async def upstream(port_file):
    held = []

    async def on_client(reader, writer):
        held.append(writer)
        await reader.read()
        held.remove(writer)

    server = await asyncio.start_server(on_client, "127.0.0.1", 0, backlog=4096)
    with open(port_file, "w") as f:
        f.write(str(server.sockets[0].getsockname()[1]))
    while True:
        print(f"held {len(held)}", flush=True)
        await asyncio.sleep(1)


async def clients(port, count, hold):
    opened = []
    for _ in range(count):
        opened.append(await asyncio.open_connection("127.0.0.1", port))
    print(f"open {len(opened)}", flush=True)
    await asyncio.sleep(hold)
    for _, writer in opened:
        writer.close()


if sys.argv[1] == "upstream":
    asyncio.run(upstream(sys.argv[2]))
else:
    asyncio.run(clients(int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])))
