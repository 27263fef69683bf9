// Question: from a model directory of CSV files to the per-unit rollup, how much faster is
// plangraph than SQLite doing the same from the same files (issue 13: at least 20× at 1M)?
// The generated national model is written once per size with write_model_dir; each run starts
// from the files (in the page cache) and ends with the figures. Wall time.
//   e2e/plangraph  load_model_dir(dir) (every file read, checked and built), rollup_units(m, as_of)
//                  and the rows written with rollup_csv: what `plangraph rollup --model DIR
//                  --format csv` does
//   e2e/sqlite     a new in-memory database; units.csv and tasks.csv read with
//                  detail::for_each_csv_record and the columns the query reads (keys, dates,
//                  duration, weight, percent, status) inserted with prepared statements in one
//                  transaction; `leaf` set by one UPDATE; indexed, and queried with
//                  bench_sqlite's grouped recursive CTE (common/sqlite_rollup.hpp). Keys stay
//                  the files' text and dates their ISO text (ISO dates compare as the days do).
//                  The result rows are fetched, not formatted (3,356 rows). Its counter
//                  `sqlite_over_plangraph` is its time over e2e/plangraph's at the same size.
//   e2e/sqlite_shell  what a user types: the sqlite3 shell (/usr/bin/sqlite3, Debian `sqlite3`)
//                  on an in-memory database, `.import --csv` of both files whole into text
//                  tables, the same typed tables filled from them by INSERT … SELECT (NULLIF
//                  for empty cells), the same UPDATE, indexes and query (the as-of date a
//                  literal), its CSV output read back. Process start included. Not registered
//                  (a message says so) when the shell is missing.
// Every run's figures are checked against rollup_units on the generated model (counts exactly,
// sums to 1e-9 relative); a difference fails the run (SkipWithError), so the quick mode is a
// correctness test. Sizes up to 1M unless PLANGRAPH_BENCH_LARGEST raises it.
#include "model_dir.hpp"
#include "sqlite_rollup.hpp"

#include <plangraph/detail/csv_reader.hpp>
#include <plangraph/detail/door.hpp>
#include <plangraph/io/csv.hpp>
#include <plangraph/rollup.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace {

using namespace plangraph_bench;
using namespace plangraph_bench::sqlite;
namespace fs = std::filesystem;

/// The model directory and the figures every run must give, per size.
struct fixture {
    written_dir dir;
    std::vector<plangraph::status_counts> expected;
    explicit fixture(std::size_t tasks) : dir(tasks), expected(plangraph::rollup_units(national_model(tasks), as_of)) {}
    /// What SQLite reads: the two files the query needs (plangraph reads and checks all of dir).
    double sqlite_files_mb() const {
        return static_cast<double>(fs::file_size(dir.path / "units.csv") + fs::file_size(dir.path / "tasks.csv")) / 1e6;
    }
};

fixture& fixture_of(std::size_t tasks) {
    static std::map<std::size_t, std::unique_ptr<fixture>> cache;
    auto& slot = cache[tasks];
    if (!slot) slot = std::make_unique<fixture>(tasks);
    return *slot;
}

/// e2e/plangraph's seconds per run, per size, for the ratio e2e/sqlite reports.
std::map<std::size_t, double>& plangraph_seconds() {
    static std::map<std::size_t, double> seconds;
    return seconds;
}

void e2e_plangraph(benchmark::State& state) {
    const auto tasks = size_arg(state);
    auto& f = fixture_of(tasks);
    heap_meter heap;
    std::vector<plangraph::status_counts> rows;
    const auto start = std::chrono::steady_clock::now();
    for (auto _ : state) {
        const auto m = plangraph::load_model_dir(f.dir.path);
        rows = plangraph::rollup_units(m, as_of);
        benchmark::DoNotOptimize(plangraph::rollup_csv(m, rows).data());
    }
    plangraph_seconds()[tasks] = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() /
                                 static_cast<double>(state.iterations());
    if (!same_figures(rows, f.expected)) state.SkipWithError("the loaded model's rollup differs from the generated one's");
    report_per_task(state, tasks, heap);
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(f.dir.bytes));
    state.counters["files_MB"] = static_cast<double>(f.dir.bytes) / 1e6;
}
BENCHMARK(e2e_plangraph)->Name("e2e/plangraph")->Apply(up_to_1m)->UseRealTime();

/// Calls on_row(cells) for every data row of a CSV file, the cells in the order of `columns`
/// (found by name in the header, in any order, as the format allows).
template <std::size_t N, class OnRow>
void for_each_row(const fs::path& file, const std::array<std::string_view, N>& columns, OnRow&& on_row) {
    std::string text = plangraph::detail::read_file(file);
    std::vector<plangraph::problem> problems;
    std::array<std::size_t, N> at{};
    bool header = true;
    std::array<std::string_view, N> cells{};
    plangraph::detail::for_each_csv_record(text, file.string(), problems, [&](const plangraph::detail::csv_record& r) {
        if (header) {
            header = false;
            for (std::size_t k = 0; k < N; ++k) {
                at[k] = static_cast<std::size_t>(std::find(r.cells.begin(), r.cells.end(), columns[k]) - r.cells.begin());
                if (at[k] == r.cells.size()) throw std::runtime_error(file.string() + ": no column " + std::string(columns[k]));
            }
            return;
        }
        for (std::size_t k = 0; k < N; ++k) cells[k] = at[k] < r.cells.size() ? r.cells[at[k]] : std::string_view{};
        on_row(cells);
    });
    if (!problems.empty()) throw std::runtime_error(file.string() + ": " + problems.front().message);
}

/// Binds a cell as text (SQLite's column affinity makes numbers of numeric text), NULL when empty.
void bind_cell(sqlite3_stmt* s, int col, std::string_view cell) {
    if (cell.empty()) sqlite3_bind_null(s, col);
    else sqlite3_bind_text(s, col, cell.data(), static_cast<int>(cell.size()), SQLITE_STATIC);
}

void insert_units(sqlite3* db, const fs::path& dir) {
    statement unit(db, "INSERT INTO units VALUES (?1, ?2)");
    for_each_row(dir / "units.csv", std::array<std::string_view, 2>{"id", "parent"}, [&](const auto& c) {
        bind_cell(unit.s, 1, c[0]);
        bind_cell(unit.s, 2, c[1]);
        check(sqlite3_step(unit.s), db, "insert unit");
        sqlite3_reset(unit.s);
    });
}

void insert_tasks(sqlite3* db, const fs::path& dir) {
    statement task(db, "INSERT INTO tasks VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 1)");
    const std::array<std::string_view, 9> columns{"id", "unit", "parent", "due", "completed", "duration", "weight", "percent", "status"};
    for_each_row(dir / "tasks.csv", columns, [&](const auto& c) {
        for (int k = 0; k < 6; ++k) bind_cell(task.s, k + 1, c[static_cast<std::size_t>(k)]);
        bind_cell(task.s, 7, c[6].empty() ? "1" : c[6]);  // DESIGN: a missing weight is 1
        bind_cell(task.s, 8, c[7].empty() ? "0" : c[7]);
        sqlite3_bind_int(task.s, 9, c[8] == "cancelled" ? 1 : 0);
        check(sqlite3_step(task.s), db, "insert task");
        sqlite3_reset(task.s);
    });
}

/// The model directory imported into a new in-memory database, indexed.
struct imported {
    sqlite3* db = nullptr;

    explicit imported(const fs::path& dir) {
        check(sqlite3_open(":memory:", &db), db, "open");
        exec(db, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;");
        exec(db, "CREATE TABLE units (id TEXT PRIMARY KEY, parent TEXT)");
        exec(db, "CREATE TABLE tasks (id TEXT PRIMARY KEY, unit TEXT NOT NULL, parent TEXT, due TEXT, completed TEXT,"
                 " duration INTEGER NOT NULL, weight REAL NOT NULL, percent REAL NOT NULL, cancelled INTEGER NOT NULL,"
                 " leaf INTEGER NOT NULL)");
        exec(db, "BEGIN");
        insert_units(db, dir);
        insert_tasks(db, dir);
        // A summary task is one some task names as its parent.
        exec(db, "UPDATE tasks SET leaf = 0 WHERE id IN (SELECT parent FROM tasks WHERE parent IS NOT NULL)");
        exec(db, "COMMIT");
        exec(db, index_sql);
    }
    ~imported() { sqlite3_close(db); }
    imported(const imported&) = delete;
    imported& operator=(const imported&) = delete;
};

/// Unit key -> row (the order of units.csv, which write_model_dir writes in model order).
std::unordered_map<std::string, std::size_t> unit_rows(const fs::path& dir) {
    std::unordered_map<std::string, std::size_t> rows;
    for_each_row(dir / "units.csv", std::array<std::string_view, 1>{"id"},
                 [&](const auto& c) { rows.emplace(std::string(c[0]), rows.size()); });
    return rows;
}

void e2e_sqlite(benchmark::State& state) {
    const auto tasks = size_arg(state);
    auto& f = fixture_of(tasks);
    const auto row_of_key = unit_rows(f.dir.path);
    auto row_of = [&](sqlite3_stmt* s) {
        const auto* key = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
        return row_of_key.at(std::string(key, static_cast<std::size_t>(sqlite3_column_bytes(s, 0))));
    };
    const std::string day = plangraph::format_date(as_of);
    heap_meter heap;
    sqlite3_memory_highwater(1);
    const auto in_use = sqlite3_memory_used();
    std::vector<plangraph::status_counts> rows;
    const auto start = std::chrono::steady_clock::now();
    for (auto _ : state) {
        imported db(f.dir.path);
        statement query(db.db, grouped_query);
        sqlite3_bind_text(query.s, 1, day.data(), static_cast<int>(day.size()), SQLITE_STATIC);
        rows = figures(db.db, query.s, f.expected.size(), row_of);
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() / static_cast<double>(state.iterations());
    if (!same_figures(rows, f.expected)) state.SkipWithError("SQLite's figures differ from rollup_units");
    report_per_task(state, tasks, heap);
    state.counters["files_MB"] = f.sqlite_files_mb();
    state.counters["sqlite_peak_B_per_task"] =
        static_cast<double>(sqlite3_memory_highwater(0) - in_use) / static_cast<double>(tasks);
    if (auto p = plangraph_seconds().find(tasks); p != plangraph_seconds().end())
        state.counters["sqlite_over_plangraph"] = seconds / p->second;
}
BENCHMARK(e2e_sqlite)->Name("e2e/sqlite")->Apply(up_to_1m)->UseRealTime();

const fs::path sqlite_shell = "/usr/bin/sqlite3";

/// The shell's script: import, type, index, query into `out` as CSV.
std::string shell_script(const fs::path& dir, const fs::path& out) {
    std::string query = grouped_query;
    const std::string day = "'" + plangraph::format_date(as_of) + "'";
    for (auto at = query.find("?1"); at != std::string::npos; at = query.find("?1", at + day.size())) query.replace(at, 2, day);
    return ".bail on\n"
           "CREATE TABLE units (id TEXT PRIMARY KEY, parent TEXT);\n"
           "CREATE TABLE tasks (id TEXT PRIMARY KEY, unit TEXT NOT NULL, parent TEXT, due TEXT, completed TEXT,"
           " duration INTEGER NOT NULL, weight REAL NOT NULL, percent REAL NOT NULL, cancelled INTEGER NOT NULL,"
           " leaf INTEGER NOT NULL);\n"
           ".import --csv " + (dir / "units.csv").string() + " units_csv\n"
           ".import --csv " + (dir / "tasks.csv").string() + " tasks_csv\n"
           "BEGIN;\n"
           "INSERT INTO units SELECT id, NULLIF(parent, '') FROM units_csv;\n"
           "INSERT INTO tasks SELECT id, unit, NULLIF(parent, ''), NULLIF(due, ''), NULLIF(completed, ''), duration,"
           " COALESCE(NULLIF(weight, ''), 1), COALESCE(NULLIF(percent, ''), 0), status = 'cancelled', 1 FROM tasks_csv;\n"
           "UPDATE tasks SET leaf = 0 WHERE id IN (SELECT parent FROM tasks WHERE parent IS NOT NULL);\n"
           "COMMIT;\n" +
           std::string(index_sql) + "\n.mode csv\n.output " + out.string() + "\n" + query + ";\n";
}

/// The shell's CSV output (unit key, the five counts, the four sums) as rollup rows.
std::vector<plangraph::status_counts> read_shell_output(const fs::path& out, const std::unordered_map<std::string, std::size_t>& row_of,
                                                        std::size_t units) {
    std::vector<plangraph::status_counts> rows(units);
    std::string text = plangraph::detail::read_file(out);
    std::vector<plangraph::problem> problems;
    plangraph::detail::for_each_csv_record(text, out.string(), problems, [&](const plangraph::detail::csv_record& r) {
        if (r.cells.size() != 10) throw std::runtime_error(out.string() + ": a row without 10 cells");
        auto& row = rows.at(row_of.at(std::string(r.cells[0])));
        for (std::size_t k = 0; k < 5; ++k) row.by_status[k] = std::stoull(std::string(r.cells[1 + k]));
        row.weight = std::stod(std::string(r.cells[6]));
        row.weight_done = std::stod(std::string(r.cells[7]));
        row.duration = std::stod(std::string(r.cells[8]));
        row.duration_done = std::stod(std::string(r.cells[9]));
    });
    if (!problems.empty()) throw std::runtime_error(out.string() + ": " + problems.front().message);
    return rows;
}

void e2e_sqlite_shell(benchmark::State& state) {
    const auto tasks = size_arg(state);
    auto& f = fixture_of(tasks);
    const auto work = f.dir.path.parent_path() / (f.dir.path.filename().string() + "-shell");
    const auto script = work.string() + ".sql";
    const auto out = work.string() + ".csv";
    {
        std::ofstream(script) << shell_script(f.dir.path, out);
    }
    const std::string command = sqlite_shell.string() + " :memory: < " + script;
    const auto row_of = unit_rows(f.dir.path);
    std::vector<plangraph::status_counts> rows;
    const auto start = std::chrono::steady_clock::now();
    for (auto _ : state) {
        if (std::system(command.c_str()) != 0) {
            state.SkipWithError(("failed: " + command).c_str());
            break;
        }
        rows = read_shell_output(out, row_of, f.expected.size());
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() / static_cast<double>(state.iterations());
    if (!same_figures(rows, f.expected)) state.SkipWithError("the sqlite3 shell's figures differ from rollup_units");
    std::error_code ec;
    fs::remove(script, ec);
    fs::remove(out, ec);
    heap_meter heap;
    report_per_task(state, tasks, heap);
    state.counters.erase("heap_peak_B_per_task");  // the shell's memory is another process's
    state.counters["files_MB"] = f.sqlite_files_mb();
    if (auto p = plangraph_seconds().find(tasks); p != plangraph_seconds().end())
        state.counters["sqlite_over_plangraph"] = seconds / p->second;
}

}  // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    if (fs::exists(sqlite_shell))
        benchmark::RegisterBenchmark("e2e/sqlite_shell", e2e_sqlite_shell)->Apply(up_to_1m)->UseRealTime();
    else
        std::fprintf(stderr, "e2e/sqlite_shell skipped: no %s (Debian package sqlite3)\n", sqlite_shell.c_str());
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
}
