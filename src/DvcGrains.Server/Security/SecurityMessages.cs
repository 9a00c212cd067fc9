using DvcGrains.Domain.Text;

namespace DvcGrains.Server.Security;

/// <summary>What a caller refused for its token or its roles is told, in English and Vietnamese.</summary>
public static class SecurityMessages
{
    public static readonly MessageTemplate RoleMissing = new("security.role_missing",
        "{0} needs the role {1}, which the token of {2} does not grant (dvc_roles); nothing changed.",
        "{0} cần vai trò {1}, nhưng token của {2} không cấp vai trò này (dvc_roles); chưa có gì thay đổi.");

    public static readonly MessageTemplate KpisOf = new("security.kpis_of",
        "The KPIs asked for by {0}",
        "Các chỉ số mà {0} yêu cầu");

    public static readonly MessageTemplate NoToken = new("security.no_token",
        "No bearer token: send the metadata \"authorization: Bearer <JWT>\" with a token from your issuer.",
        "Thiếu bearer token: hãy gửi metadata \"authorization: Bearer <JWT>\" với token do bên cấp của bạn phát hành.");

    public static readonly MessageTemplate Expired = new("security.expired",
        "The token expired at {0}; get a new one from the issuer.",
        "Token đã hết hạn lúc {0}; hãy lấy token mới từ bên cấp.");

    public static readonly MessageTemplate NotYetValid = new("security.not_yet_valid",
        "The token is not valid before {0}; check the issuer's clock.",
        "Token chưa có hiệu lực trước {0}; hãy kiểm tra đồng hồ của bên cấp.");

    public static readonly MessageTemplate WrongIssuer = new("security.wrong_issuer",
        "The token's issuer (iss) is not the one this server trusts (Dvc:Auth:Jwt:Issuer).",
        "Bên cấp token (iss) không phải bên mà máy chủ này tin cậy (Dvc:Auth:Jwt:Issuer).");

    public static readonly MessageTemplate WrongAudience = new("security.wrong_audience",
        "The token's audience (aud) is not this service (Dvc:Auth:Jwt:Audience).",
        "Đối tượng của token (aud) không phải dịch vụ này (Dvc:Auth:Jwt:Audience).");

    public static readonly MessageTemplate NoExpiry = new("security.no_expiry",
        "The token has no expiry (exp); tokens must expire.",
        "Token không có thời hạn (exp); token bắt buộc phải có thời hạn.");

    public static readonly MessageTemplate ExpiryNotANumber = new("security.expiry_not_a_number",
        "The token's expiry (exp) is not a number of seconds since 1970.",
        "Thời hạn của token (exp) không phải một số giây tính từ năm 1970.");

    public static readonly MessageTemplate LivesTooLong = new("security.lives_too_long",
        "The token is valid for {0} from its issue; this server takes tokens valid for {1} at most (Dvc:Auth:Jwt:MaxLifetime): get a shorter-lived one from the issuer.",
        "Token có hiệu lực {0} kể từ khi cấp; máy chủ này chỉ nhận token có hiệu lực tối đa {1} (Dvc:Auth:Jwt:MaxLifetime): hãy lấy token có thời hạn ngắn hơn từ bên cấp.");

    public static readonly MessageTemplate TypeMissing = new("security.type_missing",
        "The token's type (typ) is missing; this server takes access tokens, typ JWT or at+jwt.",
        "Token không có loại (typ); máy chủ này nhận access token, typ là JWT hoặc at+jwt.");

    public static readonly MessageTemplate WrongType = new("security.wrong_type",
        "The token's type (typ) is {0}; this server takes access tokens, typ JWT or at+jwt.",
        "Loại của token (typ) là {0}; máy chủ này nhận access token, typ là JWT hoặc at+jwt.");

    public static readonly MessageTemplate WrongAlgorithm = new("security.wrong_algorithm",
        "The token is signed with an algorithm other than RS256 or ES256.",
        "Token được ký bằng thuật toán khác RS256 hoặc ES256.");

    public static readonly MessageTemplate WrongSignature = new("security.wrong_signature",
        "The token's signature is not an RS256 or ES256 signature by one of the public keys this server trusts (Dvc:Auth:Jwt:PublicKeyFiles).",
        "Chữ ký của token không phải chữ ký RS256 hoặc ES256 bằng một trong các khóa công khai máy chủ này tin cậy (Dvc:Auth:Jwt:PublicKeyFiles).");

    public static readonly MessageTemplate NotAJwt = new("security.not_a_jwt",
        "The bearer token is not a valid signed JWT.",
        "Bearer token không phải một JWT đã ký hợp lệ.");

    public static readonly MessageTemplate NoSubject = new("security.no_subject",
        "The token has no subject (sub): it must name the portal that calls.",
        "Token không có chủ thể (sub): token phải nêu tên cổng thực hiện lời gọi.");

    public static readonly MessageTemplate SubjectTooLong = new("security.subject_too_long",
        "The token's subject (sub) has {0} characters; at most {1}.",
        "Chủ thể của token (sub) có {0} ký tự; tối đa {1} ký tự.");

    public static readonly MessageTemplate SubjectUnprintable = new("security.subject_unprintable",
        "The token's subject (sub) contains control characters; it must be a printable name.",
        "Chủ thể của token (sub) chứa ký tự điều khiển; tên phải gồm các ký tự in được.");

    public static readonly MessageTemplate TooManyUnits = new("security.too_many_units",
        "The token grants {0} units (dvc_units); a token names at most {1}, and VN grants all.",
        "Token cấp {0} đơn vị (dvc_units); một token nêu tối đa {1} đơn vị, và VN cấp toàn bộ.");

    public static readonly MessageTemplate CodeAskedFor = new("security.code_asked_for", "The dossier code asked for", "Mã hồ sơ được yêu cầu");

    public static readonly MessageTemplate ChangesAskedFor = new("security.changes_asked_for", "The changes asked for", "Các thay đổi được yêu cầu");

    public static readonly MessageTemplate DossiersAskedFor = new("security.dossiers_asked_for", "The dossiers asked for", "Các hồ sơ được yêu cầu");

    public static readonly MessageTemplate IndicatorsToSet = new("security.indicators_to_set", "The indicators to set", "Các chỉ số cần đặt");
}
