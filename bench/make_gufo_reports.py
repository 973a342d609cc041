"""Writes N Gufo Err 1.0 reports with the Python gufo-err's own codec:
`make_gufo_reports.py SEED_DIR OUT_DIR N`.

SEED_DIR holds real reports (from tests/python/make_reports.py); each output report is one
of them with its own fingerprint and service name, written by `gufo.err.codec.to_json`.
"""

import dataclasses
import os
import sys
import uuid

from gufo.err.codec import from_json, to_json

seed_dir, out_dir, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
# Typical reports: the 480 KB RecursionError report (1,000 frames with locals) is left out,
# or a quarter of the directory would be copies of it and both tools would only measure
# JSON throughput.
seeds = [
    from_json(open(os.path.join(seed_dir, n)).read())
    for n in sorted(os.listdir(seed_dir))
    if n.endswith(".json") and os.path.getsize(os.path.join(seed_dir, n)) < 64 * 1024
]
os.makedirs(out_dir, exist_ok=True)
namespace = uuid.UUID("6f1c2d9e-0000-5000-8000-000000000000")
for i in range(count):
    fingerprint = uuid.uuid5(namespace, str(i))
    info = dataclasses.replace(seeds[i % len(seeds)], fingerprint=fingerprint, name=f"svc{i % 50}")
    with open(os.path.join(out_dir, f"{fingerprint}.json"), "w") as f:
        f.write(to_json(info))
