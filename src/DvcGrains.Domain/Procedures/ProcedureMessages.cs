using DvcGrains.Domain.Text;

namespace DvcGrains.Domain.Procedures;

/// <summary>What a procedure refused from the catalog tells its operator, in English and Vietnamese.</summary>
public static class ProcedureMessages
{
    public static readonly MessageTemplate CodeMissing = new("procedure.code_missing",
        "The procedure code is missing; give 1 to 64 characters of A-Z, a-z, 0-9, '.', '_' or '-'.",
        "Thiếu mã thủ tục; hãy nhập từ 1 đến 64 ký tự gồm A-Z, a-z, 0-9, '.', '_' hoặc '-'.");

    public static readonly MessageTemplate CodeTooLong = new("procedure.code_too_long",
        "The procedure code has {0} characters; give 1 to 64 characters of A-Z, a-z, 0-9, '.', '_' or '-'.",
        "Mã thủ tục có {0} ký tự; hãy nhập từ 1 đến 64 ký tự gồm A-Z, a-z, 0-9, '.', '_' hoặc '-'.");

    public static readonly MessageTemplate CodeBadCharacter = new("procedure.code_bad_character",
        "The procedure code {0} contains {1}; give 1 to 64 characters of A-Z, a-z, 0-9, '.', '_' or '-'.",
        "Mã thủ tục {0} chứa ký tự {1}; hãy nhập từ 1 đến 64 ký tự gồm A-Z, a-z, 0-9, '.', '_' hoặc '-'.");

    public static readonly MessageTemplate NameEmpty = new("procedure.name_empty",
        "The procedure name is empty; give its official Vietnamese name.",
        "Tên thủ tục đang trống; hãy nhập tên tiếng Việt chính thức của thủ tục.");

    public static readonly MessageTemplate NameTooLong = new("procedure.name_too_long",
        "The procedure name has {0} characters; shorten it to {1} at most.",
        "Tên thủ tục có {0} ký tự; hãy rút gọn còn tối đa {1} ký tự.");

    public static readonly MessageTemplate DaysNegative = new("procedure.days_negative",
        "The processing time of {0} working days is negative; give 0 or more.",
        "Thời hạn giải quyết {0} ngày làm việc là số âm; hãy nhập 0 trở lên.");

    public static readonly MessageTemplate HoursNegative = new("procedure.hours_negative",
        "The processing time of {0} hours is negative; give 0 or more.",
        "Thời hạn giải quyết {0} giờ là số âm; hãy nhập 0 trở lên.");

    public static readonly MessageTemplate TimeZero = new("procedure.time_zero",
        "The processing time is zero; give the statutory time in working days, or in hours for an hour-based procedure.",
        "Thời hạn giải quyết bằng 0; hãy nhập thời hạn theo quy định bằng ngày làm việc, hoặc bằng giờ với thủ tục tính theo giờ.");

    public static readonly MessageTemplate DaysTooMany = new("procedure.days_too_many",
        "The processing time of {0} working days is more than {1}; no procedure takes longer than a year.",
        "Thời hạn giải quyết {0} ngày làm việc vượt quá {1}; không thủ tục nào kéo dài hơn một năm.");

    public static readonly MessageTemplate HoursTooMany = new("procedure.hours_too_many",
        "The processing time of {0} hours is more than {1}; give a long time in working days.",
        "Thời hạn giải quyết {0} giờ vượt quá {1}; thời hạn dài hãy nhập bằng ngày làm việc.");

    public static readonly MessageTemplate FeeNegative = new("procedure.fee_negative",
        "The fee of {0} VND is negative; give 0 for a procedure without a fee.",
        "Lệ phí {0} đồng là số âm; thủ tục không thu phí hãy nhập 0.");

    public static readonly MessageTemplate FeeTooLarge = new("procedure.fee_too_large",
        "The fee of {0} VND is more than {1} VND; check the amount.",
        "Lệ phí {0} đồng vượt quá {1} đồng; hãy kiểm tra lại số tiền.");
}
