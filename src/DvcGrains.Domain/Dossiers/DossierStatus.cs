namespace DvcGrains.Domain.Dossiers;

/// <summary>The national portal's status codes of a dossier; the numbers are the portal's own.</summary>
public enum DossierStatus
{
    /// <summary>Mới đăng ký: submitted online, awaiting reception.</summary>
    Submitted = 1,
    /// <summary>Được tiếp nhận: accepted at the one-stop desk; the clock starts.</summary>
    Received = 2,
    /// <summary>Không được tiếp nhận: refused at reception (terminal).</summary>
    Refused = 3,
    /// <summary>Đang xử lý: being processed by the specialist unit.</summary>
    Processing = 4,
    /// <summary>Yêu cầu bổ sung giấy tờ: supplement requested; the clock pauses.</summary>
    SupplementRequested = 5,
    /// <summary>Yêu cầu thực hiện nghĩa vụ tài chính: fee or tax payment requested.</summary>
    PaymentRequested = 6,
    /// <summary>Công dân yêu cầu rút hồ sơ: the applicant asked to withdraw.</summary>
    WithdrawalRequested = 7,
    /// <summary>Dừng xử lý: processing stopped (terminal).</summary>
    Stopped = 8,
    /// <summary>Đã xử lý xong: processing finished, the result waits at the desk.</summary>
    Finished = 9,
    /// <summary>Đã trả kết quả: result handed to the applicant (terminal).</summary>
    Returned = 10,
}

public static class DossierStatusExtensions
{
    public static bool IsTerminal(this DossierStatus status) =>
        status is DossierStatus.Refused or DossierStatus.Stopped or DossierStatus.Returned;

    /// <summary>A dossier can be in this status while its processing has not ended (<see cref="DossierState.HasEnded"/>).</summary>
    public static bool OccursBeforeTheEnd(this DossierStatus status) =>
        status is not (DossierStatus.Refused or DossierStatus.Stopped or DossierStatus.Finished or DossierStatus.Returned);

    /// <summary>A dossier can be in this status once its processing has ended: a withdrawal may follow the finish.</summary>
    public static bool OccursAfterTheEnd(this DossierStatus status) =>
        status is DossierStatus.Refused or DossierStatus.Stopped or DossierStatus.Finished or DossierStatus.Returned
            or DossierStatus.WithdrawalRequested;
}
