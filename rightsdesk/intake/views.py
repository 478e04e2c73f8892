"""Public pages: the complaint form, saving and resuming, the receipt, status checks and
paper-form requests. Staff pages are in staff_views.py."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rightsdesk.accounts.access import public_view
from rightsdesk.core.ratelimit import allow, count, reached
from rightsdesk.intake import codes, services, wizard
from rightsdesk.intake.forms import (
    AnswerForm,
    ConsentsForm,
    PaperFormRequestForm,
    ResumeForm,
    StartForm,
    StatusForm,
    UploadForm,
)
from rightsdesk.intake.models import Complaint, Document, Draft
from rightsdesk.intake.paper_form import blank_form_pdf
from rightsdesk.intake.steps import step_by_key, steps_for
from rightsdesk.intake.uploads import limits_text

STATUS_SESSION = "intake_status_complaint"
HONEYPOT = "website"


def _draft(request: HttpRequest, mode: wizard.Mode) -> Draft | None:
    """The draft this browser is filling in (never one already sent)."""
    draft_id = request.session.get(mode.session_key)
    if not draft_id:
        return None
    return Draft.objects.filter(pk=draft_id, submitted_complaint__isnull=True).first()


def _url(mode: wizard.Mode, name: str, **kwargs: Any) -> str:
    return reverse(f"{mode.url_prefix}:{name}", kwargs=kwargs or None)


def _is_bot(request: HttpRequest) -> bool:
    # A field hidden from people; only form-filling robots put something in it.
    return bool(request.POST.get(HONEYPOT))


def _switch_language(request: HttpRequest, response: HttpResponse, language: str) -> None:
    if language in dict(settings.LANGUAGES):
        translation.activate(language)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        )


@public_view
@require_GET
def start_view(request: HttpRequest) -> HttpResponse:
    return render(request, "intake/start.html", {"form": StartForm(), "limits": limits_text()})


def begin(request: HttpRequest, mode: wizard.Mode) -> HttpResponse:
    form = StartForm(request.POST)
    if _is_bot(request) or not form.is_valid():
        return redirect(_url(mode, "start"))
    if mode is wizard.PUBLIC and not allow(
        request, "draft-start", limit=settings.FORMS_STARTED_PER_HOUR, window_seconds=3600
    ):
        return render(request, "intake/slow_down.html", status=429)
    language = form.cleaned_data.get("language") if mode is wizard.PAPER else ""
    draft, _code = services.draft_start(
        kind=form.cleaned_data["kind"], language=language or translation.get_language() or "en"
    )
    request.session[mode.session_key] = draft.pk
    first = steps_for(draft.kind)[0]
    return redirect(_url(mode, "step", key=first.key))


@public_view
@require_POST
def begin_view(request: HttpRequest) -> HttpResponse:
    return begin(request, wizard.PUBLIC)


def step(request: HttpRequest, key: str, mode: wizard.Mode) -> HttpResponse:
    draft = _draft(request, mode)
    if draft is None and request.method == "POST" and not _is_bot(request):
        draft = _restart_with_what_was_typed(request, mode, key)
    if draft is None:
        messages.info(
            request,
            _(
                "Your form has timed out or was already sent. You can start "
                "again, or continue a saved form with its code."
            ),
        )
        return redirect(_url(mode, "start"))
    current = step_by_key(draft.kind, key)
    if current is None:
        raise Http404
    following = wizard.position(draft.kind, key)[3]
    answers = dict(draft.answers)
    pending = answers.setdefault(wizard.PENDING, {})
    return_to_review = (
        request.POST.get("return_to") == "review" or request.GET.get("return") == "review"
    )
    upload_form = UploadForm() if current.uploads else None
    form = None

    if request.method == "POST":
        action = request.POST.get("action", "next")
        if _is_bot(request):
            return redirect(_url(mode, "start"))
        if current.uploads:
            return _documents_post(request, mode, draft, action, return_to_review, following)
        form = wizard.make_form(current, answers, request.POST)
        valid = form.is_valid()
        if valid and action != "add_row":
            current.store(answers, form.cleaned_data)
            pending.pop(key, None)
        else:
            pending[key] = wizard.posted_answers(request)
        if action.startswith("language:"):
            language = action.split(":", 1)[1]
            if language not in dict(settings.LANGUAGES):
                language = draft.language
            services.draft_save(draft=draft, answers=answers, language=language)
            response = redirect(request.get_full_path())
            _switch_language(request, response, language)
            return response
        services.draft_save(draft=draft, answers=answers)
        if action == "save":
            return redirect(_url(mode, "saved"))
        if action == "add_row" and current.repeatable:
            form = wizard.silence_errors(
                wizard.make_form(current, answers, wizard.with_extra_row(current, request.POST))
            )
        elif valid:
            if return_to_review or following is None:
                return redirect(_url(mode, "review"))
            return redirect(_url(mode, "step", key=following.key))
    elif not current.uploads:
        if key in pending:
            form = wizard.silence_errors(
                wizard.make_form(current, answers, wizard.pending_as_querydict(pending[key]))
            )
        else:
            form = wizard.make_form(current, answers)

    status = 200 if not (form is not None and form.is_bound and form.errors) else 400
    return _step_page(
        request, mode, draft, current, return_to_review, status, form=form, upload_form=upload_form
    )


def _step_page(
    request: HttpRequest,
    mode: wizard.Mode,
    draft: Draft,
    current: Any,
    return_to_review: bool,
    status: int,
    **context: Any,
) -> HttpResponse:
    number, total, previous, _following = wizard.position(draft.kind, current.key)
    if current.uploads:
        context["documents"] = list(Document.objects.filter(draft=draft, complaint__isnull=True))
        context["limits"] = limits_text()
    return render(
        request,
        "intake/step.html",
        {
            "mode": mode,
            "base_template": mode.base_template,
            "step": current,
            "number": number,
            "total": total,
            "previous": previous,
            "return_to_review": return_to_review,
            "draft": draft,
            **context,
        },
        status=status,
    )


def _documents_post(
    request: HttpRequest,
    mode: wizard.Mode,
    draft: Draft,
    action: str,
    return_to_review: bool,
    following: Any,
) -> HttpResponse:
    if action.startswith("remove:") and action[7:].isdigit():
        services.draft_remove_document(draft=draft, document_id=int(action[7:]))
        messages.success(request, _("The file was removed."))
        return redirect(request.get_full_path())
    if action.startswith("language:"):
        response = redirect(request.get_full_path())
        _switch_language(request, response, action.split(":", 1)[1])
        return response
    files = request.FILES.getlist("files")
    upload_form = UploadForm(request.POST)
    kind = upload_form.cleaned_data["kind"] if upload_form.is_valid() else "other"
    accepted = services.uploads_accept(
        files,
        already=Document.objects.filter(draft=draft, complaint__isnull=True),
        add=lambda upload, checked: services.draft_add_document(
            draft=draft, upload=upload, checked=checked, kind=kind
        ),
    )
    services.draft_save(draft=draft, answers=dict(draft.answers))
    if accepted.refused:
        # Shown straight away, not kept in a message cookie: the text names the person's file.
        # A full disk is our fault and temporary (503); a refused file is the request's (400).
        return _step_page(
            request,
            mode,
            draft,
            step_by_key(draft.kind, "documents"),
            return_to_review,
            503 if accepted.storage_full else 400,
            form=None,
            upload_form=UploadForm(initial={"kind": kind}),
            refused=accepted.refused,
            added=accepted.added,
        )
    added = accepted.added
    if added:
        messages.success(request, _("Your files were added."))
    if action == "upload":
        return redirect(request.get_full_path())
    if action == "save":
        return redirect(_url(mode, "saved"))
    if return_to_review or following is None:
        return redirect(_url(mode, "review"))
    return redirect(_url(mode, "step", key=following.key))


def _restart_with_what_was_typed(request: HttpRequest, mode: wizard.Mode, key: str) -> Draft | None:
    """The session ended while the page was open: keep this page's answers in a new draft
    rather than throw away what the person just wrote."""
    kind = request.POST.get("kind", "")
    if kind not in {"help", "tip"} or step_by_key(kind, key) is None:
        return None
    draft, _code = services.draft_start(kind=kind, language=translation.get_language() or "en")
    request.session[mode.session_key] = draft.pk
    messages.warning(
        request,
        _(
            "This page was open a long time, so your earlier answers are not here. What you "
            "wrote on this page is kept. If you saved your form before, you can continue it "
            "with its code."
        ),
    )
    return draft


@public_view
@require_http_methods(["GET", "POST"])
def step_view(request: HttpRequest, key: str) -> HttpResponse:
    return step(request, key, wizard.PUBLIC)


def review(request: HttpRequest, mode: wizard.Mode) -> HttpResponse:
    draft_id = request.session.get(mode.session_key)
    draft = Draft.objects.filter(pk=draft_id).first() if draft_id else None
    if draft is None:
        return redirect(_url(mode, "start"))
    if draft.submitted_complaint_id:
        # A second click, the back button or a retry: the complaint exists; show its receipt.
        return _after_submit(request, mode, draft)
    answers = dict(draft.answers)
    missing: list[str] = []
    if request.method == "POST":
        if _is_bot(request):
            return redirect(_url(mode, "start"))
        if request.POST.get("token") != draft.submission_token:
            return redirect(_url(mode, "review"))
        try:
            services.complaint_submit(
                draft=draft, source=mode.source, by=request.user if mode is wizard.PAPER else None
            )
        except services.SubmissionIncomplete as incomplete:
            missing = incomplete.missing
        else:
            draft.refresh_from_db()
            return _after_submit(request, mode, draft)
    documents = list(Document.objects.filter(draft=draft, complaint__isnull=True))
    steps = steps_for(draft.kind)
    return render(
        request,
        "intake/review.html",
        {
            "mode": mode,
            "base_template": mode.base_template,
            "draft": draft,
            "sections": wizard.review_sections(draft.kind, answers),
            "documents": documents,
            "missing": [s for s in steps if s.key in missing],
            "total": len(steps),
            "has_uploads": any(s.uploads for s in steps),
        },
        status=400 if missing else 200,
    )


def _after_submit(request: HttpRequest, mode: wizard.Mode, draft: Draft) -> HttpResponse:
    return redirect(_url(mode, "receipt"))


@public_view
@require_http_methods(["GET", "POST"])
def review_view(request: HttpRequest) -> HttpResponse:
    return review(request, wizard.PUBLIC)


@public_view
@require_GET
def receipt_view(request: HttpRequest) -> HttpResponse:
    draft_id = request.session.get(wizard.PUBLIC.session_key)
    receipt = services.draft_receipt(draft_id=draft_id) if draft_id else {}
    if not receipt:
        return redirect("intake:start")
    return render(request, "intake/receipt.html", {"receipt": receipt})


def saved(request: HttpRequest, mode: wizard.Mode) -> HttpResponse:
    draft = _draft(request, mode)
    if draft is None:
        return redirect(_url(mode, "start"))
    return render(
        request,
        "intake/saved.html",
        {
            "mode": mode,
            "base_template": mode.base_template,
            "code": services.draft_resume_code(draft),
            "expires": draft.expires_at,
        },
    )


@public_view
@require_GET
def saved_view(request: HttpRequest) -> HttpResponse:
    return saved(request, wizard.PUBLIC)


@public_view
@require_http_methods(["GET", "POST"])
def resume_view(request: HttpRequest) -> HttpResponse:
    form = ResumeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not allow(request, "resume", limit=10, window_seconds=900):
            return render(request, "intake/slow_down.html", status=429)
        draft = services.draft_find(code=form.cleaned_data["code"])
        if draft is not None:
            request.session.cycle_key()
            request.session[wizard.PUBLIC.session_key] = draft.pk
            response = redirect("intake:step", key=steps_for(draft.kind)[0].key)
            _switch_language(request, response, draft.language)
            return response
        form.add_error(
            "code",
            _(
                "We could not find a saved form with that code. Check the "
                "code, or start again. Saved forms are kept for 30 days."
            ),
        )
    return render(request, "intake/resume.html", {"form": form}, status=400 if form.errors else 200)


# --- status -------------------------------------------------------------------------------


def _status_complaint(request: HttpRequest) -> Complaint | None:
    complaint_id = request.session.get(STATUS_SESSION)
    return Complaint.objects.filter(pk=complaint_id).first() if complaint_id else None


@public_view
@require_http_methods(["GET", "POST"])
def status_view(request: HttpRequest) -> HttpResponse:
    form = StatusForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reference = form.cleaned_data["reference"]
        # Only wrong pairs count: per address, and per reference from any address (so one
        # reference cannot be guessed at from many phones either).
        if reached(request, "status", limit=10, window_seconds=900) or reached(
            None, "status-ref", limit=20, window_seconds=3600, extra=codes.normalise(reference)
        ):
            return render(request, "intake/slow_down.html", status=429)
        complaint = services.complaint_find(reference=reference, code=form.cleaned_data["code"])
        if complaint is not None:
            request.session.cycle_key()
            request.session[STATUS_SESSION] = complaint.pk
            return redirect("intake:status_detail")
        count(request, "status", window_seconds=900)
        count(None, "status-ref", window_seconds=3600, extra=codes.normalise(reference))
        form.add_error(
            None,
            _(
                "We could not find a complaint with that reference and code. "
                "Check both and try again."
            ),
        )
    return render(request, "intake/status.html", {"form": form}, status=400 if form.errors else 200)


@public_view
@require_http_methods(["GET", "POST"])
def status_detail_view(request: HttpRequest) -> HttpResponse:
    complaint = _status_complaint(request)
    if complaint is None:
        return redirect("intake:status")
    open_question = complaint.questions.filter(answered_at__isnull=True).first()
    accepted = services.UploadsAccepted()
    answer_form = AnswerForm(request.POST if request.POST.get("action") == "answer" else None)
    consents = complaint.data.get("consents", {})
    consents_form = ConsentsForm(
        request.POST if request.POST.get("action") == "consents" else None,
        initial={
            "share_with_partner_organisations": "yes"
            if consents.get("share_with_partner_organisations")
            else "no",
            "deidentified_use": "yes" if consents.get("deidentified_use") else "no",
        },
    )
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "answer" and open_question and answer_form.is_valid():
            accepted = _add_status_files(request, complaint)
            services.complaint_answer_info(
                complaint=complaint,
                question=open_question,
                answer=answer_form.cleaned_data["answer"],
            )
            if not accepted.refused:
                messages.success(request, _("Thank you. We have your answer."))
                return redirect("intake:status_detail")
            open_question = None
        elif action == "files":
            accepted = _add_status_files(request, complaint)
            if not accepted.refused:
                return redirect("intake:status_detail")
        elif action == "consents" and consents_form.is_valid():
            services.complaint_update_consents(
                complaint=complaint,
                share=consents_form.cleaned_data["share_with_partner_organisations"] == "yes",
                deidentified=consents_form.cleaned_data["deidentified_use"] == "yes",
            )
            messages.success(request, _("Your choices are saved."))
            return redirect("intake:status_detail")
    return render(
        request,
        "intake/status_detail.html",
        {
            "complaint": complaint,
            "question": open_question,
            "answer_form": answer_form,
            "consents_form": consents_form,
            "upload_form": UploadForm(),
            "limits": limits_text(),
            "document_count": complaint.documents.count(),
            "refused": accepted.refused,
        },
        status=503 if accepted.storage_full else 400 if accepted.refused else 200,
    )


def _add_status_files(request: HttpRequest, complaint: Complaint) -> services.UploadsAccepted:
    accepted = services.uploads_accept(
        request.FILES.getlist("files"),
        already=complaint.documents.all(),
        add=lambda upload, checked: services.complaint_add_document(
            complaint=complaint, upload=upload, checked=checked, kind="other"
        ),
    )
    if request.FILES and not accepted.refused:
        messages.success(request, _("Your files were added."))
    return accepted


@public_view
@require_POST
def status_leave_view(request: HttpRequest) -> HttpResponse:
    request.session.pop(STATUS_SESSION, None)
    return redirect("intake:status")


# --- paper forms -----------------------------------------------------------------------------


@public_view
@require_http_methods(["GET", "POST"])
def paper_form_view(request: HttpRequest) -> HttpResponse:
    form = PaperFormRequestForm(
        request.POST or None, initial={"language": translation.get_language()}
    )
    if request.method == "POST" and form.is_valid() and not _is_bot(request):
        if not allow(request, "paper", limit=5, window_seconds=3600):
            return render(request, "intake/slow_down.html", status=429)
        data = form.cleaned_data
        services.paper_form_request(
            name=data["name"],
            language=data["language"],
            address={k: data[k] for k in ("street", "city", "state", "zip")},
        )
        return render(request, "intake/paper_form_thanks.html")
    return render(
        request, "intake/paper_form.html", {"form": form}, status=400 if form.errors else 200
    )


@public_view
@require_GET
def blank_form_view(request: HttpRequest, language: str) -> HttpResponse:
    if language not in dict(settings.LANGUAGES):
        raise Http404
    response = HttpResponse(blank_form_pdf(language), content_type="application/pdf")
    filename = "complaint-form.pdf" if language == "en" else "formulario-de-queja.pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
