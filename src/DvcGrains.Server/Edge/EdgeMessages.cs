using DvcGrains.Domain.Text;

namespace DvcGrains.Server.Edge;

/// <summary>
/// What the edge tells a caller whose request it refuses before the domain decides anything (its fields, its page
/// token, its stream, the server's limits), in English and Vietnamese. Field and method names are the contract's,
/// the same in both.
/// </summary>
public static class EdgeMessages
{
    public static readonly MessageTemplate FieldProblem = new("edge.field_problem", "{0}: {1}", "{0}: {1}");

    public static readonly MessageTemplate NotAKnownValue = new("edge.not_a_known_value",
        "{0} = {1} is not a known value; use one of {2}.",
        "{0} = {1} không phải một giá trị đã định nghĩa; hãy dùng một trong các giá trị {2}.");

    public static readonly MessageTemplate NotADate = new("edge.not_a_date",
        "{0} {1} is not a date of the form YYYY-MM-DD.",
        "{0} {1} không phải một ngày theo dạng YYYY-MM-DD.");

    public static readonly MessageTemplate NotATimestamp = new("edge.not_a_timestamp",
        "{0} is not a valid time stamp.",
        "{0} không phải một mốc thời gian hợp lệ.");

    public static readonly MessageTemplate TextTooLong = new("edge.text_too_long",
        "{0} has {1} characters; at most {2} are allowed.",
        "{0} có {1} ký tự; tối đa cho phép {2} ký tự.");

    public static readonly MessageTemplate ControlCharacter = new("edge.control_character",
        "{0} contains the control character U+{1} at position {2}; send text without control characters.",
        "{0} chứa ký tự điều khiển U+{1} ở vị trí {2}; hãy gửi văn bản không có ký tự điều khiển.");

    public static readonly MessageTemplate ControlCharacterMultiline = new("edge.control_character_multiline",
        "{0} contains the control character U+{1} at position {2}; send text without control characters other than tabs and line breaks.",
        "{0} chứa ký tự điều khiển U+{1} ở vị trí {2}; hãy gửi văn bản không có ký tự điều khiển, trừ dấu tab và xuống dòng.");

    public static readonly MessageTemplate MetaRequired = new("edge.meta_required",
        "meta is required: set meta.request_id and meta.dossier_id.",
        "Thiếu meta: hãy đặt meta.request_id và meta.dossier_id.");

    public static readonly MessageTemplate ExpectedVersionNegative = new("edge.expected_version_negative",
        "meta.expected_version is {0}; use 0 for any version or the dossier's current version.",
        "meta.expected_version là {0}; hãy dùng 0 cho mọi phiên bản, hoặc phiên bản hiện tại của hồ sơ.");

    public static readonly MessageTemplate CodesExhausted = new("edge.codes_exhausted",
        "Unit {0} has used all {1} dossier codes of {2}; no more can be handed out for that day: allocate with another date, or give the dossier a code of the portal's own.",
        "Đơn vị {0} đã dùng hết {1} mã hồ sơ của ngày {2}; không thể cấp thêm mã cho ngày đó: hãy cấp mã với ngày khác, hoặc dùng mã hồ sơ riêng của cổng.");

    public static readonly MessageTemplate NewAppointmentRequired = new("edge.new_appointment_required",
        "new_appointment is required: the new date promised to the applicant.",
        "Thiếu new_appointment: ngày hẹn mới đã hứa với người nộp hồ sơ.");

    public static readonly MessageTemplate NotFoundInScope = new("edge.not_found_in_scope",
        "Dossier {0} does not exist in the units this caller may act for; check the code, the token's dvc_units, or Submit it first.",
        "Hồ sơ {0} không tồn tại trong các đơn vị bên gọi được phép xử lý; hãy kiểm tra mã hồ sơ, claim dvc_units của token, hoặc nộp hồ sơ (Submit) trước.");

    public static readonly MessageTemplate TooManyComponents = new("edge.too_many_components",
        "{0} has {1} entries; at most {2} are allowed.",
        "{0} có {1} mục; tối đa cho phép {2} mục.");

    public static readonly MessageTemplate LookupGuessesSpent = new("edge.lookup_guesses_spent",
        "This address has made too many look-ups with a wrong code or of dossiers that do not exist; try again in {0} minutes, with the dossier code and the look-up code as the receipt prints them.",
        "Địa chỉ này đã tra cứu quá nhiều lần với mã sai hoặc hồ sơ không tồn tại; vui lòng thử lại sau {0} phút, nhập đúng mã hồ sơ và mã tra cứu như in trên giấy tiếp nhận.");

    public static readonly MessageTemplate LookupNotFound = new("edge.lookup_not_found",
        "No dossier {0} has this look-up code; check both codes on the receipt (giấy tiếp nhận hồ sơ và hẹn trả kết quả).",
        "Không có hồ sơ {0} với mã tra cứu này; vui lòng kiểm tra lại cả hai mã trên giấy tiếp nhận hồ sơ và hẹn trả kết quả.");

    public static readonly MessageTemplate EmptyRange = new("edge.empty_range",
        "submitted_from ({0}) is not before submitted_before ({1}): no dossier could match; give a range that is not empty.",
        "submitted_from ({0}) không trước submitted_before ({1}): không hồ sơ nào có thể khớp; hãy đưa một khoảng thời gian không rỗng.");

    public static readonly MessageTemplate ReadsEmptyRange = new("edge.reads_empty_range",
        "from ({0}) is not before before ({1}): no read could match; give a range that is not empty.",
        "from ({0}) không trước before ({1}): không lượt đọc nào có thể khớp; hãy đưa một khoảng thời gian không rỗng.");

    public static readonly MessageTemplate ReadsLimitOutOfRange = new("edge.reads_limit_out_of_range",
        "limit is {0}; use 1 to {1}, or 0 for {2}.",
        "limit là {0}; hãy dùng từ 1 đến {1}, hoặc 0 để lấy {2}.");

    public static readonly MessageTemplate UnknownOrder = new("edge.unknown_order",
        "order = {0} is not a known order; use NEWEST_FIRST or MOST_URGENT_FIRST.",
        "order = {0} không phải một cách sắp xếp đã định nghĩa; hãy dùng NEWEST_FIRST hoặc MOST_URGENT_FIRST.");

    public static readonly MessageTemplate PageSizeOutOfRange = new("edge.page_size_out_of_range",
        "page_size is {0}; use 1 to {1}, or 0 for {2}.",
        "page_size là {0}; hãy dùng từ 1 đến {1}, hoặc 0 để lấy {2}.");

    public static readonly MessageTemplate NotAStatus = new("edge.not_a_status",
        "{0} = {1} is not a dossier status; use the portal's statuses 1 (SUBMITTED) to 10 (RETURNED), or none for any.",
        "{0} = {1} không phải một trạng thái hồ sơ; hãy dùng các trạng thái của cổng từ 1 (SUBMITTED) đến 10 (RETURNED), hoặc để trống để lấy mọi trạng thái.");

    public static readonly MessageTemplate NotATimeliness = new("edge.not_a_timeliness",
        "{0} = {1} is not a timeliness to list by; use WITHIN_DEADLINE, OVERDUE, EARLY, ON_TIME or LATE (dossiers not yet received: statuses SUBMITTED).",
        "{0} = {1} không phải một tình trạng hạn để lọc; hãy dùng WITHIN_DEADLINE, OVERDUE, EARLY, ON_TIME hoặc LATE (hồ sơ chưa tiếp nhận: trạng thái SUBMITTED).");

    public static readonly MessageTemplate ListProcedureNotInCatalog = new("edge.list_procedure_not_in_catalog",
        "procedure_code {0} is not in the catalog; use a code that Catalog.ListProcedures returns, or none for any.",
        "procedure_code {0} không có trong danh mục; hãy dùng một mã do Catalog.ListProcedures trả về, hoặc để trống để lấy mọi thủ tục.");

    public static readonly MessageTemplate PageTokenTooLong = new("edge.page_token_too_long",
        "page_token has {0} characters; the tokens this server gives have at most {1}. Pass next_page_token exactly as received.",
        "page_token có {0} ký tự; token máy chủ này cấp có tối đa {1} ký tự. Hãy gửi next_page_token đúng như đã nhận.");

    public static readonly MessageTemplate PageTokenOtherFilters = new("edge.page_token_other_filters",
        "page_token belongs to a list with other filters: repeat the first page's unit_code, filters and order (page_size may change), or leave page_token empty to start a new list.",
        "page_token thuộc một danh sách có bộ lọc khác: hãy lặp lại unit_code, bộ lọc và thứ tự của trang đầu (page_size có thể đổi), hoặc để trống page_token để bắt đầu danh sách mới.");

    public static readonly MessageTemplate PageTokenNotOurs = new("edge.page_token_not_ours",
        "page_token is not a token this server gave this caller: pass next_page_token exactly as received, with the same token's subject, or leave it empty for the first page.",
        "page_token không phải token máy chủ này đã cấp cho bên gọi này: hãy gửi next_page_token đúng như đã nhận, với cùng chủ thể (sub) của token, hoặc để trống để lấy trang đầu.");

    public static readonly MessageTemplate PageTokenExpired = new("edge.page_token_expired",
        "page_token expired at {0}: a page's token opens the next for {1} (Dvc:PageTokens:Lifetime); leave page_token empty to start the list again.",
        "page_token đã hết hạn lúc {0}: token của một trang chỉ mở được trang kế tiếp trong {1} (Dvc:PageTokens:Lifetime); hãy để trống page_token để bắt đầu lại danh sách.");

    public static readonly MessageTemplate NotAChangePosition = new("edge.not_a_change_position",
        "{0} is not the position of a change this service sent: reconnect with the position of the last change received exactly as it came, or leave it empty to start from the first change (from_now for only what commits from now on).",
        "{0} không phải vị trí của một thay đổi hệ thống này đã gửi: hãy kết nối lại với vị trí của thay đổi cuối cùng đã nhận, đúng như đã nhận, hoặc để trống để bắt đầu từ thay đổi đầu tiên (from_now để chỉ nhận những gì được ghi từ bây giờ).");

    public static readonly MessageTemplate AfterAndFromNow = new("edge.after_and_from_now",
        "after and from_now exclude each other: give after to continue where a stream left off, or from_now to start now.",
        "after và from_now loại trừ nhau: dùng after để tiếp tục từ chỗ luồng đã dừng, hoặc from_now để bắt đầu từ bây giờ.");

    public static readonly MessageTemplate ReconnectAfter = new("edge.reconnect_after",
        "reconnect with after = the position of the last change received",
        "hãy kết nối lại với after = vị trí của thay đổi cuối cùng đã nhận");

    public static readonly MessageTemplate WatchAgain = new("edge.watch_again", "watch again", "hãy theo dõi lại");

    public static readonly MessageTemplate ServerStopping = new("edge.server_stopping",
        "The server is stopping; {0}, to this server or another.",
        "Máy chủ đang dừng; {0}, tới máy chủ này hoặc máy chủ khác.");

    public static readonly MessageTemplate FellBehind = new("edge.fell_behind",
        "The client fell further behind the live feed than the server keeps ({0} changes, at most {1} MiB of them), so the stream was ended; {2}: the server then reads the changes it missed from storage, at the client's pace.",
        "Bên nhận đã chậm hơn luồng trực tiếp quá mức máy chủ lưu giữ ({0} thay đổi, tối đa {1} MiB) nên luồng bị kết thúc; {2}: máy chủ sẽ đọc các thay đổi còn thiếu từ kho lưu trữ, theo tốc độ của bên nhận.");

    public static readonly MessageTemplate TokenExpiredInStream = new("edge.token_expired_in_stream",
        "The token expired at {0} while the stream was open; get a new one, then {1}.",
        "Token đã hết hạn lúc {0} khi luồng đang mở; hãy lấy token mới rồi {1}.");

    public static readonly MessageTemplate NegativeLimit = new("edge.negative_limit",
        "limit is {0}; use 0 for all units or a positive number.",
        "limit là {0}; hãy dùng 0 để lấy mọi đơn vị, hoặc một số dương.");

    public static readonly MessageTemplate NoSuchLevel = new("edge.no_such_level",
        "The {0} hierarchy has no {1} units under {2} ({3}); rank a level below the parent that the hierarchy has (2025: PROVINCE, COMMUNE; 2023: also DISTRICT).",
        "Hệ thống đơn vị {0} không có đơn vị cấp {1} dưới {2} ({3}); hãy xếp hạng một cấp dưới đơn vị cha mà hệ thống có (2025: PROVINCE, COMMUNE; 2023: thêm DISTRICT).");

    public static readonly MessageTemplate TooManyRates = new("edge.too_many_rates",
        "rates has {0} entries; there are {1} external indicators: {2}.",
        "rates có {0} mục; chỉ có {1} chỉ số bên ngoài: {2}.");

    public static readonly MessageTemplate UnknownPeriod = new("edge.unknown_period",
        "period.kind = {0} is not a known period; use DAY, MONTH, QUARTER, HALF_YEAR, YEAR or ROLLING_30_DAYS.",
        "period.kind = {0} không phải một kỳ đã định nghĩa; hãy dùng DAY, MONTH, QUARTER, HALF_YEAR, YEAR hoặc ROLLING_30_DAYS.");

    public static readonly MessageTemplate UnknownUnit = new("edge.unknown_unit",
        "{0} {1} is not a unit of the {2} hierarchy; use \"VN\" or a statistics-office code that Catalog.ListUnits returns.",
        "{0} {1} không phải một đơn vị của hệ thống đơn vị {2}; hãy dùng \"VN\" hoặc một mã thống kê do Catalog.ListUnits trả về.");

    public static readonly MessageTemplate NotReceivingUnit = new("edge.not_receiving_unit",
        "{0} {1} is not a province, district or commune of the {2} hierarchy; use a statistics-office code that Catalog.ListUnits returns.",
        "{0} {1} không phải một tỉnh, huyện hoặc xã của hệ thống đơn vị {2}; hãy dùng một mã thống kê do Catalog.ListUnits trả về.");

    public static readonly MessageTemplate ServerCallsFull = new("edge.server_calls_full",
        "The server has {0} calls in flight and sheds load; retry {1} shortly.",
        "Máy chủ đang xử lý {0} lời gọi và đang giảm tải; hãy thử lại {1} sau ít phút.");

    public static readonly MessageTemplate ServerStreamsFull = new("edge.server_streams_full",
        "The server has {0} streams open and takes no more; retry {1} shortly.",
        "Máy chủ đang mở {0} luồng và không nhận thêm; hãy thử lại {1} sau ít phút.");

    public static readonly MessageTemplate CallerStreamsFull = new("edge.caller_streams_full",
        "{0} has {1} streams open on this server, as many as a caller may; close one before opening {2} again, or share one stream among the caller's readers.",
        "{0} đang mở {1} luồng trên máy chủ này, mức tối đa cho một bên gọi; hãy đóng một luồng trước khi mở lại {2}, hoặc dùng chung một luồng cho các bên đọc.");

    public static readonly MessageTemplate PublicRate = new("edge.public_rate",
        "The public's calls to this server are over {0} per second, all clients without a token together; retry {1} after a second.",
        "Các lời gọi không kèm mã thông báo (token) tới máy chủ này đã vượt {0} lần mỗi giây tính chung cho mọi người dùng; hãy thử lại {1} sau một giây.");

    public static readonly MessageTemplate PublicStreamsFull = new("edge.public_streams_full",
        "The server has {0} public streams open, as many as it keeps for callers without a token; retry {1} shortly.",
        "Máy chủ đang mở {0} luồng công khai, mức tối đa dành cho các bên gọi không kèm mã thông báo (token); hãy thử lại {1} sau ít phút.");

    public static readonly MessageTemplate MethodRequestTooLarge = new("edge.method_request_too_large",
        "The request to {0} is too large: more than {1}, which no valid call of it needs; send less.",
        "Yêu cầu gọi {0} quá lớn: hơn {1}, mức không lời gọi hợp lệ nào của nó cần tới; hãy gửi ít dữ liệu hơn.");

    public static readonly MessageTemplate ServerListsFull = new("edge.server_lists_full",
        "The server is reading {0} lists at once and takes no more; retry {1} shortly.",
        "Máy chủ đang đọc {0} danh sách cùng lúc và không nhận thêm; hãy thử lại {1} sau giây lát.");

    public static readonly MessageTemplate CallerListsFull = new("edge.caller_lists_full",
        "{0} has {1} lists being read on this server, as many as a caller may; wait for one to finish before calling {2} again, and narrow the lists that read many dossiers (a smaller unit, a submission range, statuses).",
        "{0} đang có {1} danh sách được đọc trên máy chủ này, mức tối đa cho một bên gọi; hãy chờ một danh sách xong rồi mới gọi lại {2}, và thu hẹp các danh sách phải đọc nhiều hồ sơ (đơn vị nhỏ hơn, khoảng thời gian nộp, trạng thái).");

    public static readonly MessageTemplate ListTooSlow = new("edge.list_too_slow",
        "The list read dossiers for more than {0} s and was stopped: its filters leave it too many dossiers to read. Narrow it: a smaller unit (a commune rather than its province), a submission range (submitted_from, submitted_before), statuses or a procedure; the same list may pass later, when the database is less busy.",
        "Danh sách đã đọc hồ sơ quá {0} giây và bị dừng: bộ lọc để lại quá nhiều hồ sơ phải đọc. Hãy thu hẹp: đơn vị nhỏ hơn (một xã thay vì cả tỉnh), khoảng thời gian nộp (submitted_from, submitted_before), trạng thái hoặc thủ tục; cùng danh sách đó có thể đọc được sau, khi cơ sở dữ liệu bớt bận.");

    public static readonly MessageTemplate CallerRate = new("edge.caller_rate",
        "{0} has made more than {1} calls per second (bursts of {2}); retry {3} after a second, and spread calls out.",
        "{0} đã gọi quá {1} lần mỗi giây (đợt tối đa {2}); hãy thử lại {3} sau một giây và giãn các lời gọi ra.");

    public static readonly MessageTemplate Unavailable = new("edge.unavailable",
        "The service could not complete {0} because storage or a cluster member is unavailable ({1}). Nothing was changed; retry shortly.",
        "Hệ thống chưa hoàn tất được {0} vì kho lưu trữ hoặc một máy chủ trong cụm không truy cập được ({1}). Chưa có gì thay đổi; hãy thử lại sau ít phút.");

    public static readonly MessageTemplate WritesRefused = new("edge.writes_refused",
        "This server may not write dossiers: the database was upgraded for a newer build, or moved to another unit hierarchy, than this server's, which is being replaced. Nothing was written: retry {0} with the same request_id on another server.",
        "Máy chủ này không được ghi hồ sơ: cơ sở dữ liệu đã được nâng cấp cho phiên bản mới hơn, hoặc chuyển sang hệ thống đơn vị hành chính khác, so với máy chủ này, máy chủ đang được thay thế. Chưa có gì được ghi: hãy gửi lại {0} với cùng request_id tới máy chủ khác.");

    public static readonly MessageTemplate UnavailableCommand = new("edge.unavailable_command",
        "The service could not complete {0} because storage or a cluster member is unavailable ({1}). The command may or may not have been applied: retry with the same request_id, which applies it at most once and answers whether it was.",
        "Hệ thống chưa hoàn tất được {0} vì kho lưu trữ hoặc một máy chủ trong cụm không truy cập được ({1}). Lệnh có thể đã hoặc chưa được thực hiện: hãy gửi lại với cùng request_id, lệnh sẽ được thực hiện nhiều nhất một lần và câu trả lời cho biết đã thực hiện hay chưa.");

    public static readonly MessageTemplate DayNotBegun = new("edge.day_not_begun",
        "date {0} has not begun in Vietnam (today is {1}): a dossier code names the day its dossier is received; allocate for today or an earlier day.",
        "Ngày {0} chưa bắt đầu ở Việt Nam (hôm nay là {1}): mã hồ sơ mang ngày tiếp nhận hồ sơ; hãy cấp mã cho hôm nay hoặc một ngày trước đó.");

    public static readonly MessageTemplate PositionOfAnotherHistory = new("edge.position_of_another_history",
        "The position {0} is not of the database's history as it stands: {1} {2}",
        "Vị trí {0} không thuộc lịch sử hiện tại của cơ sở dữ liệu: {1} {2}");

    public static readonly MessageTemplate PositionBeforeIncarnations = new("edge.position_before_incarnations",
        "{0} is a position from before the server named the database's incarnation in positions, so it cannot tell which history of the database the position belongs to. {1}",
        "{0} là một vị trí từ trước khi máy chủ ghi thế hệ (incarnation) của cơ sở dữ liệu vào vị trí, nên không biết vị trí thuộc lịch sử nào của cơ sở dữ liệu. {1}");

    /// <summary>What a sync agent does on FEED_RESET.</summary>
    public static readonly MessageTemplate FeedResetAdvice = new("edge.feed_reset_advice",
        "Follow again from the first change (after empty), applying each change by dossier_id and version so that what the agent already holds is not applied twice, or re-read what it keeps and follow from now (from_now).",
        "Hãy theo dõi lại từ thay đổi đầu tiên (after để trống), áp dụng mỗi thay đổi theo dossier_id và version để những gì đã có không bị áp dụng hai lần, hoặc đọc lại những gì đang giữ và theo dõi từ bây giờ (from_now).");

    public static readonly MessageTemplate RequestTooLarge = new("edge.request_too_large",
        "The request is larger than {0} MiB, more than any valid call needs; send less.",
        "Yêu cầu lớn hơn {0} MiB, vượt quá mức mọi lời gọi hợp lệ cần; hãy gửi ít dữ liệu hơn.");

    public static readonly MessageTemplate NotProtobuf = new("edge.not_protobuf",
        "The request body is not a valid protobuf message of this method; send the message dvc.proto defines.",
        "Nội dung yêu cầu không phải một thông điệp protobuf hợp lệ của phương thức này; hãy gửi đúng thông điệp dvc.proto định nghĩa.");

    public static readonly MessageTemplate JsonUnread = new("edge.json_unread",
        "{0} Send the request as the contract defines it (GET /openapi/v1.json): JSON field names in lower camel case, enums by name, 64-bit integers as numbers or strings.",
        "Không đọc được yêu cầu ({0}). Hãy gửi yêu cầu đúng như hợp đồng định nghĩa (GET /openapi/v1.json): tên trường JSON viết lowerCamelCase, giá trị enum theo tên, số nguyên 64 bit dạng số hoặc chuỗi.");

    public static readonly MessageTemplate UnitRequired = new("edge.unit_required",
        "{0} is required: use \"VN\" or a statistics-office code that Catalog.ListUnits returns.",
        "Thiếu {0}: hãy dùng \"VN\" hoặc một mã thống kê do Catalog.ListUnits trả về.");

    public static readonly MessageTemplate ReceivingUnitRequired = new("edge.receiving_unit_required",
        "{0} is required: use a statistics-office code that Catalog.ListUnits returns.",
        "Thiếu {0}: hãy dùng một mã thống kê do Catalog.ListUnits trả về.");

    public static readonly MessageTemplate NotAnEnumValue = new("edge.not_an_enum_value",
        "{0}: {1} is not a value of {2}; send one of {3}.",
        "{0}: {1} không phải một giá trị của {2}; hãy gửi một trong các giá trị {3}.");

    public static readonly MessageTemplate NoRoute = new("edge.no_route",
        "{0} is no route of this server: the routes are in its OpenAPI document, GET /openapi/v1.json.",
        "{0} không phải một đường dẫn của máy chủ này: các đường dẫn có trong tài liệu OpenAPI, GET /openapi/v1.json.");

    public static readonly MessageTemplate WrongMethod = new("edge.wrong_method",
        "{0}: this path takes {1} only; the routes are in the OpenAPI document, GET /openapi/v1.json.",
        "{0}: đường dẫn này chỉ nhận {1}; các đường dẫn có trong tài liệu OpenAPI, GET /openapi/v1.json.");
}
