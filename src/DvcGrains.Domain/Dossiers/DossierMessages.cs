using DvcGrains.Domain.Text;

namespace DvcGrains.Domain.Dossiers;

/// <summary>What a refused dossier command tells a person, in English and Vietnamese (thông báo từ chối).</summary>
public static class DossierMessages
{
    public static readonly MessageTemplate TooFarAhead = new("dossier.too_far_ahead",
        "{0} at {1} is more than {2} minutes after the server's time {3}; send the time the action happened.",
        "{0} lúc {1} muộn hơn giờ của máy chủ ({3}) quá {2} phút; hãy gửi đúng thời điểm việc đã diễn ra.");

    public static readonly MessageTemplate DoesNotExist = new("dossier.does_not_exist",
        "The dossier does not exist; {0} needs a submitted dossier.",
        "Hồ sơ không tồn tại; {0} chỉ áp dụng cho hồ sơ đã nộp.");

    public static readonly MessageTemplate AlreadyExists = new("dossier.already_exists",
        "Dossier {0} already exists ({1}); a new dossier needs a new code.",
        "Hồ sơ {0} đã tồn tại ({1}); hồ sơ mới cần một mã mới.");

    public static readonly MessageTemplate CodeTaken = new("dossier.code_taken",
        "{0}; a new dossier needs a new code (AllocateCode).",
        "{0}; hồ sơ mới cần một mã mới (AllocateCode).");

    public static readonly MessageTemplate OutOfOrder = new("dossier.out_of_order",
        "{0} at {1} is before dossier {2}'s last event at {3}; commands are recorded in the order they happened.",
        "{0} lúc {1} sớm hơn sự kiện cuối của hồ sơ {2} lúc {3}; các lệnh được ghi theo đúng thứ tự đã diễn ra.");

    public static readonly MessageTemplate NotAllowedInStatus = new("dossier.not_allowed_in_status",
        "Dossier {0} is {1}; {2} is allowed only in {3}.",
        "Hồ sơ {0} đang ở trạng thái {1}; {2} chỉ được phép khi hồ sơ ở trạng thái {3}.");

    public static readonly MessageTemplate ProcedureNotInCatalog = new("dossier.procedure_not_in_catalog",
        "Procedure {0} is not in the catalog; use a code that ListProcedures returns, or add it with UpsertProcedure.",
        "Thủ tục {0} không có trong danh mục; hãy dùng một mã do ListProcedures trả về, hoặc thêm thủ tục bằng UpsertProcedure.");

    public static readonly MessageTemplate NoProcessingTime = new("dossier.no_processing_time",
        "Procedure {0} has no positive processing time ({1} working days, {2} h), so no deadline can be set; fix the procedure in the catalog.",
        "Thủ tục {0} không có thời hạn giải quyết dương ({1} ngày làm việc, {2} giờ) nên không thể tính hạn; hãy sửa thủ tục trong danh mục.");

    public static readonly MessageTemplate NewAppointmentOutOfRange = new("dossier.new_appointment_out_of_range",
        "The new appointment {0} must be after the current appointment {1} and after the apology at {2}, and at most {3} days after the apology.",
        "Ngày hẹn mới {0} phải sau ngày hẹn hiện tại {1} và sau thời điểm xin lỗi {2}, và không quá {3} ngày sau thời điểm xin lỗi.");

    public static readonly MessageTemplate ProcedureRequired = new("dossier.procedure_required",
        "procedure_code is required: use a code that ListProcedures returns.",
        "Thiếu procedure_code: hãy dùng một mã do ListProcedures trả về.");

    public static readonly MessageTemplate ComponentUnnamed = new("dossier.component_unnamed",
        "{0} is empty; name the document.",
        "{0} đang trống; hãy ghi tên giấy tờ.");

    public static readonly MessageTemplate ChannelRequired = new("dossier.channel_required",
        "The channel is required: IN_PERSON, ONLINE or POSTAL.",
        "Cần ghi kênh nộp hồ sơ: IN_PERSON (trực tiếp), ONLINE (trực tuyến) hoặc POSTAL (bưu chính).");

    public static readonly MessageTemplate ReasonRequired = new("dossier.reason_required",
        "{0} needs a reason: it is shown to the applicant.",
        "{0} cần có lý do: lý do được hiển thị cho người nộp hồ sơ.");

    public static readonly MessageTemplate ErasureReasonRequired = new("dossier.erasure_reason_required",
        "EraseDossierPersonalData needs a reason (the citizen's request, a court order …): it is kept in the register of erasures.",
        "EraseDossierPersonalData cần có lý do (yêu cầu của công dân, quyết định của tòa án …): lý do được lưu trong sổ xóa dữ liệu.");

    public static readonly MessageTemplate PaymentMethodRequired = new("dossier.payment_method_required",
        "RecordPayment needs the payment method: cash, national portal or local gateway.",
        "RecordPayment cần ghi hình thức thanh toán: tiền mặt, Cổng Dịch vụ công quốc gia hoặc cổng thanh toán của địa phương.");

    public static readonly MessageTemplate AmountNotPositive = new("dossier.amount_not_positive",
        "{0} needs an amount of more than 0 VND; got {1}.",
        "{0} cần số tiền lớn hơn 0 đồng; đã nhận {1}.");

    public static readonly MessageTemplate AmountTooLarge = new("dossier.amount_too_large",
        "{0} of {1} VND is more than {2} VND; check the amount.",
        "{0} với số tiền {1} đồng vượt quá {2} đồng; hãy kiểm tra lại số tiền.");

    public static readonly MessageTemplate TotalDueTooLarge = new("dossier.total_due_too_large",
        "{0} would bring the amount due on the dossier past {1} VND ({2} VND so far); check the amount.",
        "{0} sẽ làm tổng số tiền phải nộp của hồ sơ vượt quá {1} đồng (hiện đã là {2} đồng); hãy kiểm tra lại số tiền.");

    public static readonly MessageTemplate TotalPaidTooLarge = new("dossier.total_paid_too_large",
        "{0} would bring the amount paid on the dossier past {1} VND ({2} VND so far); check the amount.",
        "{0} sẽ làm tổng số tiền đã nộp của hồ sơ vượt quá {1} đồng (hiện đã là {2} đồng); hãy kiểm tra lại số tiền.");

    public static readonly MessageTemplate NeverReceived = new("dossier.apology_never_received",
        "Dossier {0} was never received, so it has no appointment to apologise for; IssueApology is for a received dossier past its appointment.",
        "Hồ sơ {0} chưa được tiếp nhận nên chưa có ngày hẹn để xin lỗi; IssueApology dành cho hồ sơ đã tiếp nhận và đã quá ngày hẹn.");

    public static readonly MessageTemplate HasEnded = new("dossier.apology_has_ended",
        "Dossier {0} has ended ({1}); IssueApology is for a dossier still being processed past its appointment.",
        "Hồ sơ {0} đã kết thúc ({1}); IssueApology dành cho hồ sơ còn đang giải quyết và đã quá ngày hẹn.");

    public static readonly MessageTemplate NotLate = new("dossier.apology_not_late",
        "Dossier {0} is not late at {1}: its appointment is {2}; IssueApology is for a dossier past its appointment or asked for a supplement more than once.",
        "Hồ sơ {0} chưa trễ hạn lúc {1}: ngày hẹn là {2}; IssueApology dành cho hồ sơ đã quá ngày hẹn hoặc đã bị yêu cầu bổ sung quá một lần.");

    public static readonly MessageTemplate NotLatePaused = new("dossier.apology_not_late_paused",
        "Dossier {0} is not late at {1}: its appointment is {2} and its clock is paused for a supplement; IssueApology is for a dossier past its appointment or asked for a supplement more than once.",
        "Hồ sơ {0} chưa trễ hạn lúc {1}: ngày hẹn là {2} và thời hạn đang tạm dừng chờ bổ sung; IssueApology dành cho hồ sơ đã quá ngày hẹn hoặc đã bị yêu cầu bổ sung quá một lần.");

    public static readonly MessageTemplate TooLarge = new("dossier.too_large",
        "{0} cannot be recorded on dossier {1}: {2}. No real dossier comes near this; a portal that repeats a command in a loop should stop, and a long text belongs in a document, not a field.",
        "Không thể ghi {0} vào hồ sơ {1}: {2}. Không hồ sơ thật nào gần tới mức này; cổng lặp lại một lệnh liên tục cần dừng lại, và văn bản dài cần đặt trong tài liệu đính kèm chứ không trong một trường.");

    public static readonly MessageTemplate TooManyEvents = new("dossier.too_many_events",
        "it has {0} events, the most a dossier keeps ({1})",
        "hồ sơ đã có {0} sự kiện, mức tối đa một hồ sơ lưu ({1})");

    public static readonly MessageTemplate TooManyComponents = new("dossier.too_many_components",
        "it would hold {0} components, more than {1}",
        "hồ sơ sẽ có {0} thành phần, nhiều hơn {1}");

    public static readonly MessageTemplate TooMuchText = new("dossier.too_much_text",
        "its text would reach {0} characters, more than {1}",
        "văn bản của hồ sơ sẽ lên tới {0} ký tự, nhiều hơn {1}");

    public static readonly MessageTemplate CodeMissing = new("dossier.code_missing",
        "The dossier code is missing; give 1 to 64 characters of A-Z, a-z, 0-9, '.' or '-'.",
        "Thiếu mã hồ sơ; hãy nhập từ 1 đến 64 ký tự gồm A-Z, a-z, 0-9, '.' hoặc '-'.");

    public static readonly MessageTemplate CodeTooLong = new("dossier.code_too_long",
        "The dossier code has {0} characters; give 1 to 64 characters of A-Z, a-z, 0-9, '.' or '-'.",
        "Mã hồ sơ có {0} ký tự; hãy nhập từ 1 đến 64 ký tự gồm A-Z, a-z, 0-9, '.' hoặc '-'.");

    public static readonly MessageTemplate CodeBadCharacter = new("dossier.code_bad_character",
        "The dossier code {0} contains {1}; give 1 to 64 characters of A-Z, a-z, 0-9, '.' or '-'.",
        "Mã hồ sơ {0} chứa ký tự {1}; hãy nhập từ 1 đến 64 ký tự gồm A-Z, a-z, 0-9, '.' hoặc '-'.");

    public static readonly MessageTemplate RequestIdMissing = new("dossier.request_id_missing",
        "The request id is missing; give 1 to {0} printable characters, unique per attempt of a change.",
        "Thiếu mã yêu cầu (request id); hãy nhập từ 1 đến {0} ký tự in được, mỗi lần thay đổi một mã riêng.");

    public static readonly MessageTemplate RequestIdBrokenSurrogate = new("dossier.request_id_broken_surrogate",
        "The request id contains a broken UTF-16 surrogate pair; send valid text.",
        "Mã yêu cầu (request id) chứa một cặp surrogate UTF-16 bị hỏng; hãy gửi văn bản hợp lệ.");

    public static readonly MessageTemplate RequestIdUnprintable = new("dossier.request_id_unprintable",
        "The request id contains the unprintable character U+{0}; use printable characters only.",
        "Mã yêu cầu (request id) chứa ký tự không in được U+{0}; chỉ dùng ký tự in được.");

    public static readonly MessageTemplate RequestIdTooLong = new("dossier.request_id_too_long",
        "The request id has {0} characters; give {1} at most.",
        "Mã yêu cầu (request id) có {0} ký tự; tối đa {1} ký tự.");

    public static readonly MessageTemplate Named = new("dossier.named",
        "Dossier {0}",
        "Hồ sơ {0}");

    public static readonly MessageTemplate ToSubmit = new("dossier.to_submit",
        "The dossier to submit",
        "Hồ sơ cần nộp");

    public static readonly MessageTemplate CommandAt = new("dossier.command_at",
        "{0} at",
        "Thời điểm {0}");

    public static readonly MessageTemplate NotAtVersionMissing = new("dossier.not_at_version_missing",
        "Dossier {0} does not exist, so it is not at version {1}; Submit it first.",
        "Hồ sơ {0} không tồn tại nên không ở phiên bản {1}; hãy nộp hồ sơ (Submit) trước.");

    public static readonly MessageTemplate VersionConflict = new("dossier.version_conflict",
        "Dossier {0} is at version {1}, not {2}; read it again and decide on its current state.",
        "Hồ sơ {0} đang ở phiên bản {1}, không phải {2}; hãy đọc lại hồ sơ và quyết định theo trạng thái hiện tại.");

    public static readonly MessageTemplate RequestIdReused = new("dossier.request_id_reused",
        "request_id {0} was already used on dossier {1} for {2} (version {3}) with different content; a retry must resend the same request, a new command needs a new request_id.",
        "request_id {0} đã được dùng cho hồ sơ {1} với lệnh {2} (phiên bản {3}) có nội dung khác; gửi lại phải gửi đúng yêu cầu cũ, lệnh mới cần request_id mới.");
}
