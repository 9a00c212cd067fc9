namespace DvcGrains.Domain.Text;

/// <summary>The languages a message for a person is written in: English, the default of the API, and Vietnamese.</summary>
public enum Language
{
    English,
    Vietnamese,
}
