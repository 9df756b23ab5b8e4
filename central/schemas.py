"""Request bodies, validated strictly: a malformed batch is rejected whole (422) before any write."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from types import UnionType
from typing import TYPE_CHECKING, Annotated, Any, Union, cast, get_args, get_origin

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    InstanceOf,
    PlainValidator,
    Strict,
    StringConstraints,
    ValidationError,
    WrapValidator,
    create_model,
    field_validator,
    model_validator,
)
from typing_extensions import TypeAliasType

from counter_app.domain import codes, fields
from counter_app.domain.fees import MONEY_MAX
from counter_app.domain.fields import FieldRule
from counter_app.sync import protocol as p

UUID_RE = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"


def _cleaner(rule: FieldRule) -> Callable[[str], str]:
    """The shared limit and normalisation of ``rule`` (counter_app/domain/fields.py): the same
    function the desk's forms and importers use (a partial: no Python frame of its own per field)."""
    return partial(fields.clean, rule)


# One text type per rule of the protocol.
AddressT = Annotated[str, AfterValidator(_cleaner(fields.ADDRESS))]
AgencyCodeT = Annotated[str, AfterValidator(_cleaner(fields.AGENCY_CODE))]
ApplicantKindT = Annotated[str, AfterValidator(_cleaner(fields.APPLICANT_KIND))]
ApplicantNameT = Annotated[str, AfterValidator(_cleaner(fields.APPLICANT_NAME))]
CaseCodeT = Annotated[str, AfterValidator(_cleaner(fields.CASE_CODE))]
ChannelT = Annotated[str, AfterValidator(_cleaner(fields.CHANNEL))]
DeliveryMethodT = Annotated[str, AfterValidator(_cleaner(fields.DELIVERY_METHOD))]
DossierCodeT = Annotated[str, AfterValidator(_cleaner(fields.DOSSIER_CODE))]
EmailT = Annotated[str, AfterValidator(_cleaner(fields.EMAIL))]
EntityKeyT = Annotated[str, AfterValidator(_cleaner(fields.ENTITY_KEY))]
EventKindT = Annotated[str, AfterValidator(_cleaner(fields.EVENT_KIND))]
IdNumberT = Annotated[str, AfterValidator(_cleaner(fields.ID_NUMBER))]
IntakeIdT = Annotated[str, AfterValidator(_cleaner(fields.INTAKE_ID))]
NoteT = Annotated[str, AfterValidator(_cleaner(fields.NOTE))]
OfficerNameT = Annotated[str, AfterValidator(_cleaner(fields.OFFICER_NAME))]
PhoneT = Annotated[str, AfterValidator(_cleaner(fields.PHONE))]
NationalityT = Annotated[str, AfterValidator(_cleaner(fields.NATIONALITY))]
ProcedureCodeT = Annotated[str, AfterValidator(_cleaner(fields.PROCEDURE_CODE))]
ProcedureNameT = Annotated[str, AfterValidator(_cleaner(fields.PROCEDURE_NAME))]
ReasonT = Annotated[str, AfterValidator(_cleaner(fields.REASON))]
ResultNumberT = Annotated[str, AfterValidator(_cleaner(fields.RESULT_NUMBER))]
ResultTypeT = Annotated[str, AfterValidator(_cleaner(fields.RESULT_TYPE))]
StopReasonT = Annotated[str, AfterValidator(_cleaner(fields.STOP_REASON))]
SexT = Annotated[str, AfterValidator(_cleaner(fields.SEX))]
UnitNameT = Annotated[str, AfterValidator(_cleaner(fields.UNIT_NAME))]
RefusalReasonT = Annotated[str, AfterValidator(_cleaner(fields.REFUSAL_REASON))]
SupplementItemT = Annotated[str, AfterValidator(_cleaner(fields.SUPPLEMENT_ITEM))]
PaymentReferenceT = Annotated[str, AfterValidator(_cleaner(fields.PAYMENT_REFERENCE))]


# What a model learns while validating (the parsed record, the reason a payload is refused) is kept
# in ``__slots__`` set by its validator, not in pydantic private attributes: those are initialised
# by a Python hook for every instance (two per pushed event) and read through ``__getattr__``.


def _check_record_moment(value: str | None) -> str | None:
    if value is not None:
        try:
            moment = p.parse_record_moment(value)
        except ValueError:
            raise ValueError("must be yyyyMMddHHmmss") from None
        if moment is not None:
            fields.check_moment(moment)
    return value


def _check_moment(value: str | None) -> str | None:
    if value is not None:
        try:
            if p.parse_moment(value) is None:  # the wire's shape without strptime (every event has one)
                raise ValueError
        except ValueError:
            raise ValueError(f"must be {p.MOMENT_FORMAT}") from None
    return value


class _ApplicantAndProcedure(BaseModel):
    """The procedure and applicant fields a dossier record and an intake record share, with one set of rules."""

    model_config = ConfigDict(extra="allow")

    MaTTHC: ProcedureCodeT = ""
    TenTTHC: ProcedureNameT = ""
    MaTruongHop: CaseCodeT = ""
    ChuHoSo: ApplicantNameT = ""
    LoaiDoiTuong: ApplicantKindT = ""
    SoGiayTo: IdNumberT = ""
    SoDienThoai: PhoneT = ""
    Email: EmailT = ""
    DiaChi: AddressT = ""
    GioiTinh: SexT = ""  # from the CCCD QR (issue #13)
    QuocTich: NationalityT = ""  # passport holders


class RecordIn(_ApplicantAndProcedure):
    """The desk's dossier sync record (national portal field names); unknown fields are kept."""

    model_config = ConfigDict(extra="allow")

    MaHoSo: DossierCodeT  # canonical form checked against the caller (push._check_owner)
    MaDonVi: AgencyCodeT
    SoQuay: int = Field(ge=1, le=9)
    TrangThaiHoSo: int = Field(ge=1, le=10)
    NgayTiepNhan: str
    KenhThucHien: ChannelT = ""
    SoBo: int = Field(default=1, ge=0, le=fields.MAX_SETS)
    HinhThucTraKQ: DeliveryMethodT = ""
    NgayHenTra: str | None = None
    NgayHenTraBanDau: str | None = None
    NgayCoKetQua: str | None = None
    NgayTraKetQua: str | None = None
    CanBoTiepNhan: OfficerNameT = ""
    # Since issue #15: the rest of the national record (counter_app/domain/records.py), checked
    # strictly by central/portal_schema.py when it is queued for the portal.
    TenDonVi: UnitNameT = ""
    NgayNopHoSo: str | None = None  # an online dossier's submission on the portal
    NguonHoSo: Annotated[str, StringConstraints(pattern=r"^(|backlog|online)$")] = ""  # code minted elsewhere
    QuaTrinhXuLy: list[dict[str, Any]] = Field(default_factory=list, max_length=1000)
    TaiLieuNop: list[dict[str, Any]] = Field(default_factory=list, max_length=200)
    DanhSachLePhi: list[dict[str, Any]] = Field(default_factory=list, max_length=50)
    DanhSachGiayToKetQua: list[dict[str, Any]] = Field(default_factory=list, max_length=50)
    SoGiayToNop: int = Field(default=0, ge=0, le=999)  # documents provided at receipt (issue #13)

    _moments = field_validator("NgayTiepNhan", "NgayHenTra", "NgayHenTraBanDau", "NgayCoKetQua",
                               "NgayTraKetQua", "NgayNopHoSo")(_check_record_moment)


class IntakeRecordIn(_ApplicantAndProcedure):
    """An intake that did not become a dossier (refused, or sent back with a supplement notice):
    the same field rules as a dossier record; the unit and desk are checked against the caller."""

    model_config = ConfigDict(extra="allow")

    MaLuotTiepNhan: IntakeIdT = ""
    MaDonVi: AgencyCodeT | None = None  # sent since issue #11; older desks omit it
    SoQuay: int = Field(ge=1, le=9)
    MaPhieuBoSung: DossierCodeT | None = None
    NgayTiepNhan: str | None = None
    TrangThaiHoSo: int = Field(default=3, ge=1, le=10)
    # An online dossier refused or sent back for supplements at the desk (issue #15): the portal's code.
    MaHoSoTrucTuyen: Annotated[str, StringConstraints(pattern=codes.FOREIGN_CODE_RE.pattern)] | None = None
    LyDo: RefusalReasonT = ""

    _moments = field_validator("NgayTiepNhan")(_check_record_moment)


class EventPayload(BaseModel):
    """``record`` is a dossier record when it has a MaHoSo (validated strictly as RecordIn, exposed
    as ``dossier``); other records (an intake refused or sent back for supplements, which never
    became a dossier) are kept as they are."""

    model_config = ConfigDict(extra="allow")

    event: Annotated[str, StringConstraints(max_length=64)] | None = None
    record: dict[str, Any] | None = None
    details: dict[str, Any] = Field(default_factory=dict)
    __slots__ = ("_dossier", "_intake")  # set by _dossier_record
    if TYPE_CHECKING:
        _dossier: RecordIn | None
        _intake: IntakeRecordIn | None

    @property
    def dossier(self) -> RecordIn | None:
        return self._dossier

    @property
    def intake(self) -> IntakeRecordIn | None:
        return self._intake

    @model_validator(mode="after")
    def _dossier_record(self) -> EventPayload:
        dossier = intake = None
        if self.record is not None:
            model = RecordIn if "MaHoSo" in self.record else IntakeRecordIn
            try:
                parsed = model.model_validate(self.record)
            except ValidationError as exc:
                raise ValueError(problems_text(exc, "record.")) from None
            if isinstance(parsed, RecordIn):
                dossier = parsed
            else:
                intake = parsed
        object.__setattr__(self, "_dossier", dossier)
        object.__setattr__(self, "_intake", intake)
        return self

    @field_validator("details")
    @classmethod
    def _status_codes(cls, details: dict[str, Any]) -> dict[str, Any]:
        for key in ("from", "to"):
            value = details.get(key)
            if value is not None and (type(value) is not int or not 1 <= value <= 10):
                raise ValueError(f"details.{key} must be a status code 1–10")
        return _check_fee_details(details)


class PaymentIn(BaseModel):
    """``details.payment`` of a desk's payment events (integer đồng, one of the three methods)."""

    model_config = ConfigDict(extra="allow")

    uuid: Annotated[str, StringConstraints(pattern=UUID_RE)]
    number: Annotated[str, StringConstraints(min_length=1, max_length=40)]
    amount: int = Field(ge=0, le=MONEY_MAX, strict=True)
    method: Annotated[str, StringConstraints(pattern=r"^(cash|transfer|online)$")]
    reference: PaymentReferenceT = ""
    paid_at: str

    _moments = field_validator("paid_at")(_check_moment)


class RatingIn(BaseModel):
    """``details.rating`` of a desk's ``rating.given`` event."""

    model_config = ConfigDict(extra="allow")

    uuid: Annotated[str, StringConstraints(pattern=UUID_RE)]
    score: int = Field(ge=1, le=3, strict=True)
    stage: Annotated[str, StringConstraints(pattern=r"^(receipt|return)$")]
    reason: Annotated[str, StringConstraints(max_length=40)] = ""
    officer: OfficerNameT = ""
    rated_at: str

    _moments = field_validator("rated_at")(_check_moment)


def _check_fee_details(details: dict[str, Any]) -> dict[str, Any]:
    """Payment and rating events carry their row in details; checked here so a bad one is quarantined."""
    if "payment" in details:
        PaymentIn.model_validate(details["payment"])
    if "rating" in details:
        RatingIn.model_validate(details["rating"])
    return details


class EventIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    uuid: Annotated[str, StringConstraints(pattern=UUID_RE)]
    seq: int = Field(ge=1, le=fields.MAX_SEQ)
    kind: EventKindT
    entity_key: EntityKeyT = ""
    created_at: str | None = None  # the desk's clock, informative only
    # The envelope above is checked strictly (a bad one refuses the whole batch, 422); the payload is
    # checked per event: a payload the rules refuse is quarantined (push.py), not a reason to stop.
    payload: dict[str, Any]
    __slots__ = ("_content", "_problem")  # set by _payload
    if TYPE_CHECKING:
        _content: EventPayload | None
        _problem: str

    _created = field_validator("created_at")(_check_moment)

    @model_validator(mode="after")
    def _payload(self) -> EventIn:
        try:
            object.__setattr__(self, "_content", EventPayload.model_validate(self.payload))
            object.__setattr__(self, "_problem", "")
        except ValidationError as exc:
            object.__setattr__(self, "_content", None)
            object.__setattr__(self, "_problem", problems_text(exc))
        return self

    @property
    def content(self) -> EventPayload | None:
        """The validated payload, None when the rules refuse it (``problem`` says why)."""
        return self._content

    @property
    def problem(self) -> str:
        return self._problem


class AuditHeadIn(BaseModel):
    """The newest row of the desk's audit chain (``central/anchors.py``)."""

    model_config = ConfigDict(extra="forbid")

    seq: int = Field(ge=1)
    hash: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


class PushIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    events: list[EventIn] = Field(max_length=p.MAX_BATCH_EVENTS)
    sent_at: str | None = None  # the desk's clock when sending: used to report clock skew
    audit_head: AuditHeadIn | None = None


class MarksIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    since: date  # the first day whose code marks the desk wants
    uuids: list[Annotated[str, StringConstraints(pattern=UUID_RE)]] = Field(default_factory=list, max_length=1000)


class SupplementItemIn(BaseModel):
    name: SupplementItemT
    reason: ReasonT = ""


class ProcessIn(BaseModel):
    note: NoteT = ""


class SupplementIn(BaseModel):
    items: list[SupplementItemIn] = Field(min_length=1, max_length=100)
    note: NoteT = ""


class StopIn(BaseModel):
    reason: StopReasonT


class ResultIn(BaseModel):
    result_type: ResultTypeT
    result_number: ResultNumberT = ""
    summary: NoteT = ""
    note: NoteT = ""


def problems_text(exc: ValidationError, prefix: str = "") -> str:
    """The first problems of a validation error, the shared rules' Vietnamese sentences as they are."""
    out = []
    for e in exc.errors()[:3]:
        where = ".".join(str(x) for x in e["loc"])
        message = e["msg"].removeprefix("Value error, ")
        out.append(f"{prefix}{where}: {message}" if where else message)
    return "; ".join(out)


# ---------------------------------------------------------------- the push checked in Rust

# The models above are the reference: the field rules of counter_app/domain/fields.py applied by
# Python (``fields.clean`` per text field, the moment checks, the payload and record dispatch), one
# Python call per field of every pushed event. ``fast_push`` is PushIn's twin, built from the models
# above, with every one of those checks replaced by one that pydantic-core runs in Rust and that
# accepts only a part of what the reference accepts, with the same result: a text already in its
# stored form (``fields.stored_form_pattern``), a real calendar moment of the accepted years
# (``fields.moment_pattern``). A batch the twin refuses in any way is validated again by PushIn,
# which gives the answer (422, quarantine) and the messages; a batch it accepts is what PushIn would
# have made of it (tests/unit/test_bodies.py compares the two on generated batches).

_FAST_MOMENTS: dict[Callable[..., Any], str] = {
    _check_record_moment: fields.moment_pattern("", "", ""),  # yyyyMMddHHmmss, or empty
    _check_moment: fields.moment_pattern("-", " ", ":"),  # p.MOMENT_FORMAT
}
_EMPTY_ALLOWED = {_check_record_moment}


def _fast_meta(meta: Any) -> Any:
    if isinstance(meta, AfterValidator) and isinstance(meta.func, partial) and meta.func.func is fields.clean:
        rule: FieldRule = meta.func.args[0]
        return StringConstraints(pattern=fields.stored_form_pattern(rule), max_length=rule.max_length)
    if isinstance(meta, (AfterValidator, BeforeValidator, WrapValidator, PlainValidator)):
        raise TypeError(f"{meta!r}: no Rust form known; teach central.schemas._fast_meta")
    return meta


def _free_json(depth: int) -> Any:
    """Any JSON value orjson gives that nests at most ``depth`` levels and holds no float an integer
    beyond 64 bits could have become (orjson reads those as floats): a free-form part of the twin,
    bounded, so that the nesting of a batch it accepts is known from the schema (central/bodies.py)."""
    members: list[Any] = [Annotated[str, Strict()], Annotated[int, Strict()], None, Annotated[bool, Strict()],
                          Annotated[float, Strict(), Field(gt=-(2.0**63), lt=2.0**63)]]
    value = TypeAliasType("FreeJson0", Union[tuple(members)])  # type: ignore[misc]  # noqa: UP007
    for level in range(1, depth + 1):  # named levels: the core schema grows by one definition per level
        value = TypeAliasType(f"FreeJson{level}", Annotated[Union[(*members, dict[str, value], list[value])],  # type: ignore[misc,valid-type]  # noqa: UP007
                                                            Field(union_mode="left_to_right")])
    return value


FREE_JSON_DEPTH = 24  # a desk's record lists nest 3 levels; a batch's typed parts 7 (central/bodies.py checks)
_FREE_JSON = _free_json(FREE_JSON_DEPTH)


class _FastBase(BaseModel):
    """The base of every twin: the extra keys a model allows are free-form JSON, bounded."""

    __pydantic_extra__: dict[str, _FREE_JSON] = Field(init=False)  # type: ignore[valid-type]


class Walked:
    """Marks a twin's field holding JSON objects as they came (not copied, not checked value by value:
    pydantic-core takes ~150 ns a value, more than the whole walk): central/bodies.py measures their
    nesting after the twin has accepted the batch."""

    def __repr__(self) -> str:
        return "WALKED"


WALKED = Walked()


def _as_it_came(tp: Any) -> bool:
    """Whether ``tp`` takes some JSON object as it came (``InstanceOf[dict]``)."""
    if get_origin(tp) is Annotated and any(type(m).__name__ == "InstanceOf" for m in get_args(tp)[1:]):
        return True
    return any(map(_as_it_came, get_args(tp)))


def _fast_type(tp: Any, moment: str | None = None) -> Any:
    """``tp`` with its rule checks in their Rust form, nested models by their twins; ``moment``: the
    pattern a plain ``str`` in it must match."""
    origin, args = get_origin(tp), get_args(tp)
    if origin is Annotated:
        return Annotated[(_fast_type(args[0], moment), *map(_fast_meta, args[1:]))]
    if origin in (Union, UnionType):
        return Union[tuple(_fast_type(a, moment) for a in args)]  # noqa: UP007
    if origin is list:
        return list[_fast_type(args[0])]  # type: ignore[misc]
    if origin is dict and args == (str, Any):
        return InstanceOf[dict]  # JSON's object as it came, not copied (its keys are strings)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return _fast_model(tp)
    if tp is str and moment is not None:
        return Annotated[str, StringConstraints(pattern=moment)]
    if tp is int:
        # Strict: an integer too large for orjson arrives as a float, which the lax int would take
        # (rounded); refused here, it goes the reference way, which reads the exact integer.
        return Annotated[int, Strict()]
    return tp


_TWINS: dict[type[BaseModel], type[BaseModel]] = {}


def _fast_model(model: type[BaseModel], base: type[BaseModel] = _FastBase, replaced: tuple[str, ...] = (),
                **added: Any) -> type[BaseModel]:
    """The twin of ``model``; ``added`` fields do what its validators named in ``replaced`` did."""
    if model in _TWINS:
        return _TWINS[model]
    decorators = model.__pydantic_decorators__
    moments: dict[str, str] = {}
    for name, dec in decorators.field_validators.items():
        if dec.func in _FAST_MOMENTS:
            pattern = _FAST_MOMENTS[dec.func]
            if dec.func in _EMPTY_ALLOWED:
                pattern = f"^(?:{pattern[1:-1]})?$"
            moments |= dict.fromkeys(dec.info.fields, pattern)
        elif name not in replaced:
            raise TypeError(f"{model.__name__}.{name}: no Rust form known; teach central.schemas._fast_model")
    others = {**decorators.model_validators, **decorators.validators, **decorators.root_validators,
              **decorators.field_serializers, **decorators.model_serializers}
    if set(others) - set(replaced):
        raise TypeError(f"{model.__name__}: {sorted(set(others) - set(replaced))} have no Rust form")
    declared: dict[str, Any] = {}
    read_again = {field.validation_alias for _, field in added.values()}  # bounded by the model reading it
    for name, info in model.model_fields.items():
        default: dict[str, Any] = ({"default_factory": info.default_factory} if info.default_factory is not None
                                   else {} if info.is_required() else {"default": info.default})
        fast = _fast_type(info.rebuild_annotation(), moments.get(name))
        if name not in read_again and _as_it_came(fast):
            fast = Annotated[fast, WALKED]
        declared[name] = (fast, Field(alias=info.alias, **default))
    twin = create_model(f"Fast{model.__name__}", __base__=base, __module__=__name__, **declared, **added)
    twin.model_config.update(cast(ConfigDict, {k: v for k, v in model.model_config.items() if k != "title"}))
    twin.model_rebuild(force=True)
    globals()[twin.__name__] = twin  # found by its name, as pickle looks a class up
    _TWINS[model] = twin
    return twin


_StatusCode = Annotated[int, Field(strict=True, ge=1, le=10)]  # ``type(value) is int``: True is no status


class _FastDetails(_FastBase):
    """What EventPayload._status_codes and _check_fee_details check of ``details``."""

    model_config = ConfigDict(extra="allow")

    from_: _StatusCode | None = Field(default=None, alias="from")
    to: _StatusCode | None = None
    # Not optional: ``"payment": null`` is refused, as PaymentIn.model_validate(None) is.
    payment: _fast_model(PaymentIn) = None  # type: ignore[valid-type]
    rating: _fast_model(RatingIn) = None  # type: ignore[valid-type]


class _FastPayloadBase(_FastBase):
    fast_record: Any = None  # the record's twin (dossier or intake), or None
    fast_details: Any = None

    @property
    def dossier(self) -> RecordIn | None:
        return cast(RecordIn, self.fast_record) if type(self.fast_record) is _FAST_RECORD else None

    @property
    def intake(self) -> IntakeRecordIn | None:
        return cast(IntakeRecordIn, self.fast_record) if type(self.fast_record) is _FAST_INTAKE else None


class _FastEventBase(_FastBase):
    content: Any = None

    @property
    def problem(self) -> str:
        return ""  # the twin refuses what the reference would quarantine


# EventPayload._dossier_record's choice, a record with a MaHoSo is a dossier's, made in Rust: the
# dossier's twin first, then the intake's, which refuses a record with a MaHoSo (of any value, null
# too: a pattern that matches nothing; absent, it is None and never dumped).
_NO_VALUE = Annotated[str, StringConstraints(pattern=r"^\b\B$")]
_FAST_RECORD = _fast_model(RecordIn)
_FAST_INTAKE = _fast_model(IntakeRecordIn, MaHoSo=(_NO_VALUE, Field(default=None, exclude=True)))
_fast_model(EventIn, base=_FastEventBase, replaced=("_payload",), content=(
    _fast_model(EventPayload, base=_FastPayloadBase, replaced=("_dossier_record", "_status_codes"),
                fast_record=(Annotated[_FAST_RECORD | _FAST_INTAKE, Field(union_mode="left_to_right")] | None,
                             Field(default=None, validation_alias="record", exclude=True)),
                fast_details=(_FastDetails, Field(default=None, validation_alias="details", exclude=True))),
    Field(validation_alias="payload", exclude=True)))
FAST_PUSH = _fast_model(PushIn)
