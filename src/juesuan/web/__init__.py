"""``juesuan serve``: the reviewer's workbench in the browser (FastAPI, Jinja2 pages).

Upload disclosures and follow their check (background workers, jobs kept in the store), read a
document's findings beside its page images with the evidence boxed, confirm / dismiss / mark
them fixed, browse the corpus (units × years, a unit's history, search by unit, rule or
code), read the rulebook, download the reports, and the same through a JSON API under
``/api/v1``.  FastAPI and uvicorn are the optional extra ``juesuan[web]``: nothing outside this
package and ``juesuan serve`` imports them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fastapi import FastAPI

    from juesuan.web.config import WebSettings

__all__ = ["create_app"]


def create_app(settings: WebSettings) -> FastAPI:
    from juesuan.web.app import create_app as build

    return build(settings)
