"""Writes Gufo Err 1.0 reports with the real Python gufo-err: `make_reports.py DIR [gz]`."""

import sys

from gufo.err import err


class PaymentDeclined(Exception):
    """A custom exception with two arguments."""


def divide(total, parts):
    share = total / parts
    return share


def lookup(table, key):
    return table[key]


def charge(amount):
    raise PaymentDeclined("card declined", amount)


def recurse(n):
    return recurse(n + 1)


def main():
    out = sys.argv[1]
    compress = sys.argv[2] if len(sys.argv) > 2 else None
    err.setup(
        name="pyshop",
        version="0.6.0",
        root_module="__main__",
        error_info_path=out,
        error_info_compress=compress,
        format=None,
    )
    for case in (
        lambda: divide(10, 0),
        lambda: lookup({"a": 1}, "missing"),
        lambda: charge(42),
        lambda: recurse(0),
    ):
        try:
            case()
        except Exception:
            err.process()


if __name__ == "__main__":
    main()
