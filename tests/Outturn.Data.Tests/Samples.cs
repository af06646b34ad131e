namespace Outturn.Data.Tests;

/// <summary>Small interchange files, modelled on the reference reports.</summary>
internal static class Samples
{
    public const string Measures = """
        ref,title,kind,priority,theme,committees,unit,polarity,frequency,decimals,tags,amber_tolerance
        PM01,% of Stage 1 complaints closed within 15 days,measure,Strong,Customer,Towns and Communities,percentage,higher,quarterly,0,Council Scorecard,
        PM02,No. of in-house foster carers,measure,Safe,Children,Children and Learning;Health,count,higher,quarterly,0,,2pt
        PM03,% of child protection plans repeated within 2 years,measure,Safe,Children,Children and Learning,percentage,lower,quarterly,1,ASCOF;Council Scorecard,
        A01,Open the new library,action,Strong,Culture,Towns and Communities,,,quarterly,,,
        """;

    public const string Values = """
        ref,period,value,target,status,qualifier,numerator,denominator,breakdown,commentary,corrective_action,missing_reason
        PM01,2016/17 Q4,90,95,,,,,,,,
        PM01,2017/18 Q1,83,95,,,,,,"Falling, see plan",Recruit two officers,
        PM02,2016/17 Q1,81,90,,,,,,,,
        PM02,2016/17 Q4,77,90,,,,,,,,
        PM02,2017/18 Q1,78,90,,provisional,,,B&B=20;SMG=57,,,
        PM03,2016/17 Q4,14.5,10,,,,,,,,
        PM03,2017/18 Q1,,10,,,10,63,,,,
        PM03,2017/18 Q2,,10,,,,,,,,not_yet_available
        A01,2017/18 Q1,,,on_track,,,,,,,
        """;
}
