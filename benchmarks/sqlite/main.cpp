// Question: how does the flat rollup compare with what users reach for today, the same rollup in
// SQL? The generated tasks are loaded into an in-memory SQLite database (indexed), and a
// recursive CTE over the unit hierarchy computes the same per-unit figures as rollup_units:
// counts by status, Σ weight, Σ weight done, Σ leaf duration and Σ leaf duration done. The
// numbers are checked against ours once per size and query; the query alone is timed.
//
// Tables, indexes and queries: common/sqlite_rollup.hpp (shared with bench_end_to_end); here
// integer ids, dates as day numbers (NULL when absent), `leaf` computed while loading (as the
// flat strategy's records hold it).
//   sqlite/load          inserting the tasks and units and building the indexes (one run,
//                        manual time), reported apart from the queries
//   sqlite/cte_join      closure(ancestor, unit) by recursive CTE, joined to every task, grouped
//                        by ancestor: how the question is usually written
//   sqlite/cte_grouped   tasks grouped per unit first, then the closure joined to the 3,356 unit
//                        rows: the fastest form we found, so the baseline is not a strawman
//   sqlite/flat_sweep    flat_rollup on the same tasks, same run, for the ratio (query vs query)
//   sqlite/flat_from_model  rollup_units(m, as_of), records' preparation included
// Sizes up to 1M unless PLANGRAPH_BENCH_LARGEST raises it: at 10M the load and the two queries would take about a minute and a half,
// most of the suite's 10-minute budget, to show the same per-task cost.
#include "bench_common.hpp"
#include "sqlite_rollup.hpp"

#include <plangraph/rollup.hpp>

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace {

using namespace plangraph_bench;
using namespace plangraph_bench::sqlite;

struct database {
    sqlite3* db = nullptr;
    double load_seconds = 0;
    std::int64_t bytes = 0;  // sqlite3_memory_used() growth while loading

    explicit database(const plangraph::model& m) {
        const auto before = sqlite3_memory_used();
        const auto start = std::chrono::steady_clock::now();
        check(sqlite3_open(":memory:", &db), db, "open");
        exec(db, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;");
        exec(db, "CREATE TABLE units (id INTEGER PRIMARY KEY, parent INTEGER)");
        exec(db, "CREATE TABLE tasks (id INTEGER PRIMARY KEY, unit INTEGER NOT NULL, due INTEGER, completed INTEGER,"
                 " duration INTEGER NOT NULL, weight REAL NOT NULL, percent REAL NOT NULL, cancelled INTEGER NOT NULL,"
                 " leaf INTEGER NOT NULL)");
        exec(db, "BEGIN");
        {
            statement unit(db, "INSERT INTO units VALUES (?, ?)");
            for (std::size_t i = 0; i < m.units().size(); ++i) {
                sqlite3_bind_int64(unit.s, 1, static_cast<std::int64_t>(i));
                const auto parent = m.units()[i].parent;
                if (plangraph::is_none(parent)) sqlite3_bind_null(unit.s, 2);
                else sqlite3_bind_int64(unit.s, 2, static_cast<sqlite3_int64>(plangraph::index(parent)));
                check(sqlite3_step(unit.s), db, "insert unit");
                sqlite3_reset(unit.s);
            }
            statement task(db, "INSERT INTO tasks VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
            const auto leaf = plangraph::leaf_tasks(m.tasks());
            auto bind_date = [&](int col, const std::optional<plangraph::date>& d) {
                if (d) sqlite3_bind_int64(task.s, col, d->day_number());
                else sqlite3_bind_null(task.s, col);
            };
            for (std::size_t i = 0; i < m.tasks().size(); ++i) {
                const auto& t = m.tasks()[i];
                sqlite3_bind_int64(task.s, 1, static_cast<std::int64_t>(i));
                sqlite3_bind_int64(task.s, 2, static_cast<sqlite3_int64>(plangraph::index(t.unit)));
                bind_date(3, t.due);
                bind_date(4, t.completed);
                sqlite3_bind_int(task.s, 5, t.duration);
                sqlite3_bind_double(task.s, 6, t.weight);
                sqlite3_bind_double(task.s, 7, t.percent);
                sqlite3_bind_int(task.s, 8, t.cancelled ? 1 : 0);
                sqlite3_bind_int(task.s, 9, leaf[i] ? 1 : 0);
                check(sqlite3_step(task.s), db, "insert task");
                sqlite3_reset(task.s);
            }
        }
        exec(db, "COMMIT");
        exec(db, index_sql);
        load_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        bytes = sqlite3_memory_used() - before;
    }
    ~database() { sqlite3_close(db); }
    database(const database&) = delete;
    database& operator=(const database&) = delete;
};

database& database_of(std::size_t tasks) {
    static std::map<std::size_t, std::unique_ptr<database>> cache;
    auto& slot = cache[tasks];
    if (!slot) slot = std::make_unique<database>(national_model(tasks));
    return *slot;
}

/// Runs a query bound to the as-of date (a day number); column 0 is the unit's index.
std::vector<plangraph::status_counts> run(sqlite3* db, sqlite3_stmt* s, std::size_t units) {
    sqlite3_bind_int64(s, 1, as_of.day_number());
    return figures(db, s, units, [](sqlite3_stmt* row) { return static_cast<std::size_t>(sqlite3_column_int64(row, 0)); });
}

void load(benchmark::State& state) {
    const auto& m = national_model(size_arg(state));
    auto& db = database_of(size_arg(state));
    for (auto _ : state) state.SetIterationTime(db.load_seconds);
    heap_meter heap;
    report_per_task(state, m.tasks().size(), heap);
    state.counters["sqlite_B_per_task"] = static_cast<double>(db.bytes) / static_cast<double>(m.tasks().size());
}
BENCHMARK(load)->Name("sqlite/load")->Apply(up_to_1m)->UseManualTime()->Iterations(1);

void query(benchmark::State& state, const std::string& sql) {
    const auto& m = national_model(size_arg(state));
    auto& db = database_of(size_arg(state));
    statement s(db.db, sql);
    sqlite3_memory_highwater(1);  // restart SQLite's own peak from what is in use now
    const auto in_use = sqlite3_memory_used();
    for (auto _ : state) benchmark::DoNotOptimize(run(db.db, s.s, m.units().size()).data());
    heap_meter heap;
    report_per_task(state, m.tasks().size(), heap);
    state.counters["heap_peak_B_per_task"] =
        static_cast<double>(sqlite3_memory_highwater(0) - in_use) / static_cast<double>(m.tasks().size());
    if (!same_figures(run(db.db, s.s, m.units().size()), plangraph::rollup_units(m, as_of)))
        state.SkipWithError("SQLite's figures differ from rollup_units");
}
BENCHMARK_CAPTURE(query, cte_join, join_query)->Name("sqlite/cte_join")->Apply(up_to_1m);
BENCHMARK_CAPTURE(query, cte_grouped, grouped_query)->Name("sqlite/cte_grouped")->Apply(up_to_1m);

void flat_sweep(benchmark::State& state) {
    const auto& m = national_model(size_arg(state));
    heap_meter heap;
    plangraph::flat_rollup flat(m);
    for (auto _ : state) benchmark::DoNotOptimize(flat(as_of).data());
    report_model_per_task(state, m.tasks().size(), heap);
}
BENCHMARK(flat_sweep)->Name("sqlite/flat_sweep")->Apply(up_to_1m);

void flat_from_model(benchmark::State& state) {
    const auto& m = national_model(size_arg(state));
    heap_meter heap;
    for (auto _ : state) benchmark::DoNotOptimize(plangraph::rollup_units(m, as_of).data());
    report_model_per_task(state, m.tasks().size(), heap);
}
BENCHMARK(flat_from_model)->Name("sqlite/flat_from_model")->Apply(up_to_1m);

}  // namespace

BENCHMARK_MAIN();
