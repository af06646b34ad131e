using Outturn.Bench;

// Macro benchmarks, each run beside its baseline in the same process run. See docs/benchmarks.md.
var which = args.FirstOrDefault() ?? "import";
var runs = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 3;
var rows = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000;

// Every run says how busy the machine was before it started, and warns beside its figures when it was too busy.
var quiet = Machine.Check();
var exit = which switch
{
    "import" => await ImportBenchmark.RunAsync(runs, rows),
    "report" => await ReportBenchmark.RunAsync(runs),
    "dashboard" => await DashboardBenchmark.RunAsync(
        runs,
        args.Length > 2 ? rows : 10_000,
        args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 1_000,
        args.Length > 4 ? int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture) : 30,
        Environment.GetEnvironmentVariable("OUTTURN_BENCH_POSTGRES")
    ),
    "api-write" => await ApiWriteBenchmark.RunAsync(args.Length > 1 ? runs : 5),
    "spc" => SpcBenchmark.Run(args.Length > 1 ? runs : 200),
    "faults" => await FaultBenchmark.RunAsync(
        args.Length > 1 ? runs : 20,
        Environment.GetEnvironmentVariable("OUTTURN_BENCH_POSTGRES")
    ),
    "soak" => await SoakBenchmark.RunAsync(
        args.Length > 1 ? runs : 600,
        args.Length > 2 ? rows : 200,
        args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : null,
        Environment.GetEnvironmentVariable("OUTTURN_BENCH_POSTGRES"),
        Environment.GetEnvironmentVariable("OUTTURN_BENCH_PG_RESTART")
    ),
    "national" => await NationalBenchmark.RunAsync(
        runs,
        rows,
        Environment.GetEnvironmentVariable("OUTTURN_BENCH_POSTGRES")
    ),
    _ => Usage(),
};
if (quiet.Length > 0)
{
    Console.WriteLine(quiet);
}

return exit;

static int Usage()
{
    Console.Error.WriteLine(
        "usage: Outturn.Bench import [runs] [rows] | report [runs] | dashboard [requests] [measures] [months] "
            + "[seconds] (and on PostgreSQL when OUTTURN_BENCH_POSTGRES is set: bench/dashboard.sh) | "
            + "api-write [runs] | spc [rounds] | national [runs] [rows] (on PostgreSQL when OUTTURN_BENCH_POSTGRES "
            + "is set: bench/national.sh) | soak [seconds] [requests/s] [requests/s on PostgreSQL] (with PostgreSQL "
            + "and its restart: "
            + "bench/soak.sh) | faults [kills] (on PostgreSQL too when OUTTURN_BENCH_POSTGRES is set)"
    );
    return 2;
}
