"""HTTP client of the central system (httpx). Every failure becomes a SyncError whose message is
a Vietnamese sentence for the officer; none of them ever touches the outbox."""

from __future__ import annotations

import json
import ssl
from functools import cache
from typing import Any

import httpx

from counter_app.i18n import QT_TR_NOOP, tr
from counter_app.services.errors import ServiceError

from . import protocol as p

KEEP_MESSAGE = QT_TR_NOOP("Các thay đổi chưa gửi vẫn được giữ nguyên trên máy.")


class SyncError(ServiceError):
    """The sync did not complete; ``retry_later`` says whether backing off and retrying can help."""

    retry_later = True


class NotConfiguredError(SyncError):
    retry_later = False


class OfflineError(SyncError):
    """The central could not be reached, or the connection broke before the answer was complete."""


class AuthError(SyncError):
    """Missing, wrong or revoked token: retrying will not help until the settings change."""

    retry_later = False

    def __init__(self, message: str, *, revoked: bool = False) -> None:
        super().__init__(message)
        self.revoked = revoked


class RejectedError(SyncError):
    """The central refused the request (403/409/413/422): needs a person, not a retry."""

    retry_later = False

    def __init__(self, message: str, *, status: int, code: str = "") -> None:
        super().__init__(message)
        self.status = status
        self.code = code


class ServerError(SyncError):
    pass


def _error_body(response: httpx.Response) -> tuple[str, str]:
    try:
        body = response.json()
    except ValueError:
        return "", ""
    if isinstance(body, dict):
        return str(body.get("error", "")), str(body.get("message", ""))
    return "", ""


def _transport_reason(exc: httpx.TransportError) -> str:
    """Why the link failed, in Vietnamese (the officer reads it; the class name goes to the log)."""
    if isinstance(exc, httpx.TimeoutException):
        return tr("quá thời gian chờ")
    if isinstance(exc, httpx.ConnectError):
        return tr("không mở được kết nối: mạng mất hoặc máy chủ không chạy")
    return tr("kết nối bị ngắt giữa chừng")


@cache
def tls_context() -> ssl.SSLContext:
    """The certificate store loaded once per process: httpx would load it again for every client,
    about a tenth of a second of CPU for each sync pass of an idle desk. (A context is safe to share
    between threads once set up.)"""
    return httpx.create_ssl_context()


class CentralClient:
    def __init__(self, base_url: str, token: str, *, timeout: float = 30.0, installation: str = "") -> None:
        self.base_url = base_url.rstrip("/")
        headers = {"Authorization": f"Bearer {token}", "User-Agent": "mot-cua-counter"}
        if installation:
            headers[p.INSTALLATION_HEADER] = installation
        self._http = httpx.Client(
            base_url=self.base_url, headers=headers, verify=tls_context(),
            timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> CentralClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _request(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        try:
            response = self._http.request(method, path, **kwargs)
            content = response.read()
        except httpx.InvalidURL:
            raise NotConfiguredError(tr("Địa chỉ máy chủ trung tâm «{base_url}» không hợp lệ.").format(base_url=self.base_url)) from None
        except httpx.TransportError as exc:
            raise OfflineError(
                tr("Không kết nối được máy chủ trung tâm ({transport_reason}). {KEEP_MESSAGE} "
                "Máy sẽ tự gửi lại khi có kết nối.").format(transport_reason=_transport_reason(exc), KEEP_MESSAGE=tr(KEEP_MESSAGE))) from None
        status = response.status_code
        if status == 401:
            code, _ = _error_body(response)
            if code == p.ERR_TOKEN_REVOKED:
                raise AuthError(tr("Mã truy cập của quầy đã bị thu hồi trên hệ thống trung tâm. Hãy liên hệ quản trị "
                                "để được cấp mã mới và nhập lại trong Cài đặt → Đồng bộ. ") + tr(KEEP_MESSAGE),
                                revoked=True)
            raise AuthError(tr("Máy chủ trung tâm không chấp nhận mã truy cập của quầy (thiếu hoặc sai mã). "
                            "Hãy kiểm tra lại trong Cài đặt → Đồng bộ. ") + tr(KEEP_MESSAGE))
        if status in (403, 409, 413, 422):
            code, message = _error_body(response)
            raise RejectedError(tr("Máy chủ trung tâm từ chối dữ liệu: {reason} ").format(
                reason=message or tr("mã lỗi HTTP {status}").format(status=status))
                                + tr(KEEP_MESSAGE), status=status, code=code)
        if status >= 400:
            raise ServerError(tr("Máy chủ trung tâm đang gặp sự cố (HTTP {status}). {KEEP_MESSAGE} "
                              "Máy sẽ tự thử lại sau.").format(status=status, KEEP_MESSAGE=tr(KEEP_MESSAGE)))
        try:
            data = json.loads(content)
        except ValueError:
            raise OfflineError(tr("Câu trả lời của máy chủ trung tâm bị cắt ngang. {KEEP_MESSAGE}").format(KEEP_MESSAGE=tr(KEEP_MESSAGE))) from None
        if not isinstance(data, dict):
            raise OfflineError(tr("Câu trả lời của máy chủ trung tâm không đúng dạng. {KEEP_MESSAGE}").format(KEEP_MESSAGE=tr(KEEP_MESSAGE)))
        return data

    def download(self, path: str) -> bytes:
        """A file of the central (an online dossier's upload); failures as for every request."""
        try:
            response = self._http.request("GET", path)
            content = response.read()
        except httpx.TransportError as exc:
            raise OfflineError(tr("Không tải được tệp từ máy chủ trung tâm ({transport_reason}).").format(transport_reason=_transport_reason(exc))) from None
        if response.status_code != 200:
            _code, message = _error_body(response)
            raise ServerError(tr("Không tải được tệp từ máy chủ trung tâm: {reason}.").format(reason=message or response.status_code))
        return content

    def push(self, events: list[dict[str, Any]], *, sent_at: str,
             audit_head: dict[str, Any] | None = None) -> dict[str, Any]:
        data: dict[str, Any] = {"events": events, "sent_at": sent_at}
        if audit_head is not None:
            data["audit_head"] = audit_head
        body = json.dumps(data, ensure_ascii=False).encode("utf-8")
        return self._request("POST", p.PUSH_PATH, content=body, headers={"Content-Type": "application/json"})

    def changes(self, after: int, limit: int = p.DEFAULT_CHANGES_LIMIT) -> dict[str, Any]:
        return self._request("GET", p.CHANGES_PATH, params={"after": after, "limit": limit})

    def marks(self, body: dict[str, Any]) -> dict[str, Any]:
        """This desk's high-water marks at the central (sync/guard.py)."""
        return self._request("POST", p.MARKS_PATH, content=json.dumps(body).encode("utf-8"),
                             headers={"Content-Type": "application/json"})

    def quarantine(self) -> dict[str, Any]:
        """This desk's events the central refused and keeps aside (open ones)."""
        return self._request("GET", p.QUARANTINE_PATH)

    def audit_anchors(self) -> dict[str, Any]:
        return self._request("GET", p.AUDIT_ANCHORS_PATH)

    def audit_anchor(self, seq: int | None = None) -> dict[str, Any]:
        return self._request("GET", p.AUDIT_ANCHOR_PATH, params={"seq": seq} if seq else {})

    def file_status(self, sha256: str) -> dict[str, Any]:
        """How many bytes of a digitised file the central holds, and whether it is complete."""
        return self._request("GET", f"{p.FILES_PATH}/{sha256}/status")

    def upload_chunk(self, sha256: str, offset: int, size: int, chunk: bytes) -> dict[str, Any]:
        """One chunk of a file at its exact offset. When the central holds another count of bytes (a
        chunk cut earlier, another process), its state comes back instead and the caller resumes there."""
        try:
            return self._request("PUT", f"{p.FILES_PATH}/{sha256}", params={"offset": offset, "size": size},
                                 content=chunk, headers={"Content-Type": "application/octet-stream"})
        except RejectedError as exc:
            if exc.code == p.ERR_FILE_OFFSET:
                return self.file_status(sha256)
            raise

    def whoami(self) -> dict[str, Any]:
        return self._request("GET", p.WHOAMI_PATH)
