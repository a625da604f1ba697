"""The intake web app: the question API under /api/, health and metrics, and the built static site."""

from __future__ import annotations

import logging
import os
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy import text
from starlette.middleware.gzip import GZipMiddleware

from generator.intake.outbox import Worker, make_publisher, outbox_for
from generator.intake.settings import IntakeSettings
from generator.intake.web import spam
from generator.intake.web.api_schema import complaint_doc, post_doc
from generator.intake.web.cms_auth import router as cms_auth_router
from generator.intake.web.complaint import router as complaint_router
from generator.intake.web.complaint import submit_complaint
from generator.intake.web.context import Intake, load_intake
from generator.intake.web.followup import router as followup_router
from generator.intake.web.headers import Protection, SecurityHeaders, content_security_policy
from generator.intake.web.observe import AccessLog, Metrics
from generator.intake.web.pages import form_html, preset_requester
from generator.intake.web.pageview import router as pageview_router
from generator.intake.web.recovery import router as recovery_router
from generator.intake.web.search_miss import router as search_miss_router
from generator.intake.web.server import BodyTimeout
from generator.intake.web.staff import router as staff_router
from generator.intake.web.staff_account import router as staff_account_router
from generator.intake.web.staff_answer import router as staff_answer_router
from generator.intake.web.staff_complaints import router as staff_complaints_router
from generator.intake.web.staff_dashboard import router as staff_dashboard_router
from generator.intake.web.staff_deadline import router as staff_deadline_router
from generator.intake.web.staff_lapangan import router as staff_lapangan_router
from generator.intake.web.staff_laporan import router as staff_laporan_router
from generator.intake.web.staff_photos import router as staff_photos_router
from generator.intake.web.staff_piket import router as staff_piket_router
from generator.intake.web.staff_register import router as staff_register_router
from generator.intake.web.staff_survey import router as staff_survey_router
from generator.intake.web.submit import handle
from generator.intake.web.survey import router as survey_router
from generator.intake.web.webhook import router as webhook_router
from generator.util.media_types import media_type

log = logging.getLogger("klinik.intake.app")


def start_worker(intake: Intake, publisher=None, redact=None) -> Worker | None:
    """The single outbox worker; the app still stores questions if the publisher cannot be built."""
    s = intake.settings
    try:
        publisher = publisher or make_publisher(s)
    except Exception as exc:  # e.g. a github setting the backend refuses: report once, keep accepting questions
        log.error("pekerja outbox tidak berjalan", extra={"error": type(exc).__name__})
        return None
    intake.outbox = outbox_for(s, intake.store, publisher, **({"redact": redact} if redact else {}))
    worker = Worker(intake.outbox, s.outbox_interval_seconds, s.answers_interval_seconds)
    worker.start()
    return worker


class SiteFiles(StaticFiles):
    """The built site; before the first `klinik build` every path is a plain 404, not a 500."""

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http" and not Path(self.directory or "").is_dir():
            message = "Halaman tidak ditemukan: situs belum dibangun (jalankan `klinik build`)."
            return await JSONResponse({"galat": message}, status_code=404)(scope, receive, send)
        return await super().__call__(scope, receive, send)

    def file_response(self, full_path, stat_result, scope, status_code: int = 200):
        """Starlette's response, typed by util/media_types where the extension says the wrong thing (feed.xml)."""
        response = super().file_response(full_path, stat_result, scope, status_code)
        kind = media_type(Path(os.path.relpath(full_path, self.directory or ".")).as_posix())
        if kind and "content-type" in response.headers:
            response.headers["content-type"] = kind
        return response


def create_app(settings: IntakeSettings, *, publisher=None, redact=None) -> FastAPI:
    """Build the ASGI app; the outbox worker starts with the server when KLINIK_WORKER is on."""
    intake = load_intake(settings)
    metrics = Metrics(intake.store, lambda: intake.outbox, tuple(b.slug for b in intake.balai.balai))

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        worker = start_worker(intake, publisher, redact) if settings.worker else None
        yield
        if worker is not None:
            worker.stop()

    app = FastAPI(title="Klinik PKP: pertanyaan warga", version="1", lifespan=lifespan, docs_url=None,
                  redoc_url=None, openapi_url="/api/openapi.json")  # no docs page: it would load a third-party script
    app.state.intake = intake
    app.add_middleware(GZipMiddleware, minimum_size=500, compresslevel=6)
    app.add_middleware(BodyTimeout, seconds=settings.body_timeout_seconds)  # inside AccessLog: its 408 is logged
    app.add_middleware(AccessLog, logger=log)
    protection = Protection(content_security_policy(settings.site))
    app.add_middleware(SecurityHeaders, protection=protection)  # outermost of ours: every response, 404s included
    app.add_exception_handler(Exception, protection.server_error)  # a 500 is sent outside all middleware

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> JSONResponse:
        with intake.store.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        return JSONResponse({"status": "ok"})

    @app.get("/metrics", include_in_schema=False)
    def prometheus() -> Response:
        return Response(metrics.render(), media_type="text/plain; version=0.0.4")

    @app.get("/api/formulir", summary="Token formulir baru (untuk klien tanpa halaman formulir)")
    def form_token() -> dict:
        return {"token_formulir": spam.issue_form_token(intake.key)}

    @app.get("/api/altcha", summary="Teka-teki ALTCHA baru (bukti kerja, tanpa pihak ketiga)")
    def altcha_challenge() -> dict:
        return spam.altcha_challenge(intake.key, settings.pow_difficulty)

    @app.get("/ajukan/", include_in_schema=False)
    @app.get("/ajukan/index.html", include_in_schema=False)
    def ajukan(pemohon: str = "") -> HTMLResponse:
        token = spam.issue_form_token(intake.key)
        form = lambda: form_html(intake.wilayah, intake.areas, token=token, pow=settings.pow)  # noqa: E731
        html = intake.pages.ajukan(token, form)  # ?pemohon=pemda (the Pemda page's link) is chosen without JavaScript too
        return HTMLResponse(preset_requester(html, pemohon) if pemohon else html, headers={"Cache-Control": "no-store"})

    @app.post("/api/pertanyaan", summary="Kirim pertanyaan warga", status_code=201,
              openapi_extra=post_doc(intake.wilayah, intake.areas, settings))
    async def submit(request: Request) -> Response:
        return await handle(intake, metrics, request)

    @app.post("/api/pengaduan", summary="Kirim saran, masukan, atau pengaduan tentang layanan Klinik PKP", status_code=201,
              openapi_extra=complaint_doc(intake.wilayah, settings))
    async def complaint(request: Request) -> Response:
        return await submit_complaint(request)

    app.include_router(complaint_router)
    app.include_router(staff_complaints_router)
    app.include_router(pageview_router)
    app.include_router(search_miss_router)
    app.include_router(recovery_router)  # before the status route: "pulihkan" is not a token
    app.include_router(followup_router)
    app.include_router(webhook_router)
    app.include_router(cms_auth_router)
    app.include_router(staff_router)
    app.include_router(staff_account_router)
    app.include_router(staff_register_router)
    app.include_router(staff_answer_router)
    app.include_router(staff_deadline_router)
    app.include_router(staff_dashboard_router)
    app.include_router(staff_photos_router)
    app.include_router(staff_lapangan_router)
    app.include_router(staff_laporan_router)
    app.include_router(staff_piket_router)
    app.include_router(survey_router)
    app.include_router(staff_survey_router)
    app.mount("/", SiteFiles(directory=settings.site, html=True, check_dir=False), name="situs")
    return app
