namespace Roomcast.Stage;

public enum StageRequestStatus
{
    Pending,
    Approved,
    Rejected,
}
