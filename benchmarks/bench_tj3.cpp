// Levelling side by side with TaskJuggler 3 (`tj3`): six PSPLIB j30 instances of mixed hardness
// (../shared/oracle/psplib) and the commune of examples/commune_staff.hpp (16 tasks, three
// officials). Each is levelled by plangraph at the default budget (the commune through level() on
// the model, PSPLIB through rcpsp::level) and written as a TaskJuggler project that tj3 schedules;
// tj3's end dates come back from a CSV report. Per project it prints the critical path, the j30
// optimum (tables.csv), tj3's span and time, plangraph's span and time, in working days from the
// first. Both schedules are checked: plangraph's keeps every arc and capacity
// (rcpsp::violations), tj3's every arc on its dates; a wrong one ends the run with exit 1.
// Without tj3 it says so and exits 77 (ctest: skipped).
//
// How a project is put to tj3 (TaskJuggler 3.7.1, as its scheduler TaskScenario.rb reads it):
//   - tj3 resources are people: a resource of capacity k is written as k resources R_1 .. R_k,
//     and a demand of a units as a allocations `R_1 { alternative R_2, ..., R_k mandatory }`.
//     `mandatory` makes tj3 book a time slot only when every allocation of the task finds its own
//     free person (the candidates already taken by another mandatory allocation are skipped), so
//     the task runs with all its units at once. A single resource with `efficiency` k would be a
//     faster person, not k people: a task needing one unit would finish k times sooner.
//   - Tasks with demands get `effort` = duration × units, in 8-hour days: every booked person
//     does a day's work a day, so with all units booked the task lasts its duration. A task with
//     `duration` or `length` would not wait for its people: tj3 books them where free and moves
//     on regardless, which levels nothing. A task without demands gets `length` (working days).
//   - Arcs are finish-to-start links with lag 0 (PSPLIB's and the commune's): `depends`. A
//     release (the commune's tasks' early starts, which level() takes as release dates) is a
//     dependency on a milestone placed on that day: a `start` would pin an ASAP task there.
//   - Day 0 is Monday 2025-01-06, on tj3's default Monday-to-Friday week (the commune's two
//     holidays do not matter: both tools count working days).
// What tj3 does with it, and the comparison should be read with: it schedules one task at a
// time, completely, in the order of its priorities (all equal here, then its path criticalness),
// a greedy single pass that never revisits a task; and an effort task may be split around the
// bookings of tasks scheduled before it (it waits, partly done, for a free slot), which plangraph
// never does (DESIGN: no splitting). The number of tj3 tasks that ran longer than their duration
// (tj3 reports a task's first booked day as its start, so these were split) is printed beside
// its span.
//
// Usage: bench_tj3 [--psplib DIR] [--instances j301_1,j309_2,...] [--tj3 PATH] [--work DIR]
// (--work: where the .tjp files and tj3's reports and logs are kept; default a fresh directory
// under the system's temporary one)
#include "../examples/commune_staff.hpp"

#include <plangraph/io/psplib.hpp>
#include <plangraph/level.hpp>
#include <plangraph/levelling.hpp>
#include <plangraph/schedule.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <unistd.h>

namespace {

namespace fs = std::filesystem;
namespace rcpsp = plangraph::rcpsp;
using plangraph::date;

const date day_zero(2025, 1, 6);  // a Monday

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    std::stringstream in(s);
    for (std::string item; std::getline(in, item, sep);) out.push_back(item);
    return out;
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

/// Working day `k` (Monday to Friday) from day_zero, and back.
date date_of(int k) { return day_zero + boost::gregorian::days(k / 5 * 7 + k % 5); }
int day_of(date d) {
    const int days = static_cast<int>((d - day_zero).days());
    return days / 7 * 5 + std::min(days % 7, 5);
}

/// What each tool made of one project.
struct result {
    int span = 0;
    double seconds = 0;
    int split = 0;  // tj3: tasks that ran longer than their duration (it starts one at its first booking)
};

// ---- the TaskJuggler side ------------------------------------------------------------------

std::string person(const rcpsp::project& p, std::size_t r, int k) { return p.resources[r].id + "_" + std::to_string(k); }

/// One allocation of a unit of resource `r`: any free one of its people, all units at once.
std::string allocation(const rcpsp::project& p, std::size_t r) {
    std::string out = "  allocate " + person(p, r, 1) + " {";
    for (int k = 2; k <= p.resources[r].capacity; ++k) out += (k == 2 ? " alternative " : ", ") + person(p, r, k);
    return out + " mandatory }\n";
}

/// Calendar days no schedule of `p` can pass: every duration one after the other from the
/// latest release. tj3 keeps a slot per hour of the project's span: a tight one keeps it quick.
int horizon(const rcpsp::project& p) {
    int days = 0, release = 0;
    for (const auto& a : p.activities) days += a.duration, release = std::max(release, a.release);
    return (release + days) / 5 * 7 + 14;
}

std::string tjp_of(const rcpsp::project& p, const std::string& name) {
    std::ostringstream out;
    out << "project " << name << " \"" << name << "\" " << plangraph::format_date(day_zero) << " +" << horizon(p)
        << "d {\n  timezone \"UTC\"\n}\n";
    for (std::size_t r = 0; r < p.resources.size(); ++r)
        for (int k = 1; k <= p.resources[r].capacity; ++k) out << "resource " << person(p, r, k) << " \"" << person(p, r, k) << "\"\n";
    std::vector<std::vector<std::size_t>> preds(p.activities.size());
    for (const auto& a : p.arcs) {
        if (a.distance != p.activities[a.from].duration) throw std::runtime_error("only finish-to-start links with lag 0 are written");
        preds[a.to].push_back(a.from);
    }
    std::map<int, std::string> releases;
    for (const auto& a : p.activities)
        if (a.release > 0) releases.emplace(a.release, "release_" + std::to_string(a.release));
    for (const auto& [day, id] : releases)
        out << "task " << id << " \"" << id << "\" {\n  start " << plangraph::format_date(date_of(day)) << "\n  milestone\n}\n";
    for (std::size_t i = 0; i < p.activities.size(); ++i) {
        const auto& a = p.activities[i];
        int units = 0;
        for (const auto& d : a.demands) units += d.amount;
        out << "task " << a.id << " \"" << a.id << "\" {\n";
        if (a.duration == 0) out << "  milestone\n";
        else if (units == 0) out << "  length " << a.duration << "d\n";
        else out << "  effort " << a.duration * units << "d\n";
        if (a.duration > 0)
            for (const auto& d : a.demands)
                for (int u = 0; u < d.amount; ++u) out << allocation(p, d.resource);
        std::string deps = a.release > 0 ? releases[a.release] : "";
        for (auto f : preds[i]) {
            if (!deps.empty()) deps += ", ";
            deps += p.activities[f].id;
        }
        if (!deps.empty()) out << "  depends " << deps << "\n";
        out << "}\n";
    }
    out << "taskreport \"" << name << "\" {\n  formats csv\n  columns id, start, end\n  timeformat \"%Y-%m-%d\"\n}\n";
    return out.str();
}

/// tj3's first and last working day of each task, by id, from its CSV report ("Id";"Start";"End").
std::map<std::string, std::pair<int, int>> read_report(const fs::path& csv) {
    std::ifstream in(csv);
    if (!in) throw std::runtime_error("tj3 wrote no report " + csv.string());
    std::map<std::string, std::pair<int, int>> out;
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
        auto cells = split(line, ';');
        if (cells.size() != 3) continue;
        auto unquote = [](std::string s) { return s.size() >= 2 ? s.substr(1, s.size() - 2) : s; };
        auto start = plangraph::parse_date(unquote(cells[1])), end = plangraph::parse_date(unquote(cells[2]));
        if (!start || !end) throw std::runtime_error("unreadable tj3 report line: " + line);
        out[unquote(cells[0])] = {day_of(*start), day_of(*end)};
    }
    return out;
}

result run_tj3(const rcpsp::project& p, const std::string& name, const std::string& tj3, const fs::path& work) {
    fs::create_directories(work);
    const fs::path file = work / (name + ".tjp");
    std::ofstream(file) << tjp_of(p, name);
    const std::string command = "'" + tj3 + "' --silent --no-color -o '" + work.string() + "' '" + file.string() + "' > '" +
                                (work / (name + ".log")).string() + "' 2>&1";
    auto t0 = std::chrono::steady_clock::now();
    if (std::system(command.c_str()) != 0) throw std::runtime_error("tj3 failed on " + file.string() + ": see " + name + ".log");
    result out;
    out.seconds = seconds_since(t0);
    auto days = read_report(work / (name + ".csv"));
    std::vector<std::pair<int, int>> at(p.activities.size());
    for (std::size_t i = 0; i < p.activities.size(); ++i) {
        const auto& a = p.activities[i];
        auto it = days.find(a.id);
        if (it == days.end()) throw std::runtime_error(name + ": tj3 did not report " + a.id);
        at[i] = it->second;
        if (a.duration == 0) continue;
        out.span = std::max(out.span, at[i].second + 1);
        if (at[i].second - at[i].first + 1 > a.duration) ++out.split;
        if (at[i].first < a.release) throw std::runtime_error(name + ": tj3 starts " + a.id + " before its release");
    }
    for (const auto& arc : p.arcs)
        if (p.activities[arc.from].duration > 0 && p.activities[arc.to].duration > 0 && at[arc.to].first <= at[arc.from].second)
            throw std::runtime_error(name + ": tj3 starts " + p.activities[arc.to].id + " before " + p.activities[arc.from].id + " ends");
    return out;
}

// ---- the plangraph side --------------------------------------------------------------------

void check(const rcpsp::project& p, const std::vector<int>& start, int span, int critical_path, const std::string& name) {
    auto broken = rcpsp::violations(p, start);
    if (!broken.empty() || span < critical_path)
        throw std::runtime_error(name + ": wrong plangraph schedule" + (broken.empty() ? std::string() : ": " + broken.front()));
}

/// A PSPLIB instance levelled at the default budget.
result run_plangraph(const rcpsp::project& p, int& critical_path, const std::string& name) {
    auto t0 = std::chrono::steady_clock::now();
    rcpsp::network net(p);
    auto s = rcpsp::level(net);
    result out{s.span, seconds_since(t0), 0};
    critical_path = net.critical_path();
    check(p, s.start, s.span, critical_path, name);
    return out;
}

/// The commune as level() puts it: an activity per task released at its early start (days from
/// the schedule's start), an arc per link. Its tasks are all leaves with finish-to-start links.
rcpsp::project project_of(const plangraph::model& m, const plangraph::schedule_result& cpm) {
    rcpsp::project p;
    for (const auto& r : m.resources()) p.resources.push_back({r.key, r.capacity});
    for (std::size_t i = 0; i < m.tasks().size(); ++i)
        p.activities.push_back({std::string(m.tasks()[i].key), m.tasks()[i].duration, cpm.tasks[i].early_start_moment - cpm.start_moment, {}});
    for (const auto& d : m.demands()) p.activities[index(d.task)].demands.push_back({index(d.resource), d.amount});
    for (const auto& l : m.links())
        p.arcs.push_back({index(l.from), index(l.to), rcpsp::start_distance(l.type, l.lag, m[l.from].duration, m[l.to].duration)});
    return p;
}

struct row {
    std::string name;
    std::size_t tasks = 0;
    std::string resources;
    int critical_path = 0, optimum = 0;  // optimum 0: not known
    result tj3{}, plangraph{};
};

std::string capacities(const rcpsp::project& p) {
    std::string out;
    for (const auto& r : p.resources) {  // appended piece by piece: GCC 12 -O3 -Wrestrict, PR 105651
        if (!out.empty()) out += ' ';
        out += std::to_string(r.capacity);
    }
    return out;
}

std::map<std::string, int> optima(const fs::path& dir) {
    std::ifstream in(dir / "tables.csv");
    std::map<std::string, int> out;
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line))
        if (auto cells = split(line, ','); cells.size() == 4) out[cells[0]] = std::stoi(cells[1]);
    return out;
}

}  // namespace

int main(int argc, char** argv) try {
    fs::path dir = PLANGRAPH_PSPLIB_DIR, work = fs::temp_directory_path() / ("plangraph_bench_tj3_" + std::to_string(::getpid()));
    std::vector<std::string> instances{"j301_1", "j309_2", "j3017_2", "j3018_3", "j3045_4", "j3046_1"};
    std::string tj3 = "tj3";
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string flag = argv[i], value = argv[i + 1];
        if (flag == "--psplib") dir = value;
        else if (flag == "--instances") instances = split(value, ',');
        else if (flag == "--tj3") tj3 = value;
        else if (flag == "--work") work = value;
        else throw std::runtime_error("unknown option " + flag);
    }
    if (std::system(("command -v '" + tj3 + "' > /dev/null 2>&1").c_str()) != 0) {
        std::cout << "bench_tj3: no " << tj3 << " (Debian package tj3): skipped\n";
        return 77;
    }
    std::vector<row> rows;
    const auto optimum = optima(dir);
    for (const auto& name : instances) {
        auto p = plangraph::io::read_psplib(dir / "j30" / (name + ".sm"));
        row r{.name = name, .tasks = p.activities.size() - 2, .resources = capacities(p)};  // PSPLIB's source and sink are dummies
        r.plangraph = run_plangraph(p, r.critical_path, name);
        r.optimum = optimum.count(name) ? optimum.at(name) : 0;
        r.tj3 = run_tj3(p, name, tj3, work);
        rows.push_back(r);
    }
    {
        const auto m = plangraph::example::commune_staff_model();
        const auto cpm = plangraph::schedule(m);
        auto t0 = std::chrono::steady_clock::now();
        const auto l = plangraph::level(m, cpm);
        const double seconds = seconds_since(t0);
        auto p = project_of(m, cpm);
        std::vector<int> start;
        for (const auto& t : l.tasks) start.push_back(t.start_moment - cpm.start_moment);
        row r{.name = "commune (3 officials)", .tasks = p.activities.size(), .resources = capacities(p),
              .critical_path = cpm.finish_moment - cpm.start_moment};
        check(p, start, l.span, r.critical_path, r.name);
        r.plangraph = {l.span, seconds, 0};
        r.tj3 = run_tj3(p, "commune", tj3, work);
        rows.push_back(r);
    }
    std::printf("| project | tasks | capacities | critical path | optimum | tj3 span | tj3 tasks split | tj3 s | "
                "plangraph span | plangraph ms |\n|---|---|---|---|---|---|---|---|---|---|\n");
    for (const auto& r : rows)
        std::printf("| %s | %zu | %s | %d | %s | %d | %d | %.2f | %d | %.1f |\n", r.name.c_str(), r.tasks, r.resources.c_str(),
                    r.critical_path, r.optimum ? std::to_string(r.optimum).c_str() : "-", r.tj3.span, r.tj3.split,
                    r.tj3.seconds, r.plangraph.span, 1000 * r.plangraph.seconds);
    return EXIT_SUCCESS;
} catch (const std::exception& e) {
    std::cerr << "bench_tj3: " << e.what() << '\n';
    return EXIT_FAILURE;
}
