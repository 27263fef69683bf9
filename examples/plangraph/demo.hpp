#pragma once
// `plangraph demo [--seed N] [--tasks N] [--as-of DATE] [--data DIR] [--province CODE]`: the main
// job on an embedded default. Builds the national model in memory on the real units, the shipped
// vn-admin-2025 tables (the 34 provinces and 3,321 communes by name, and the 10,052 old communes
// before 1 July 2025: find_vn_admin), with generated work: Plan 02's 16 tasks per commune, the
// provinces' and the centre's, and one task of the first half of 2025 per old commune, history
// that the rollup reports on the new map. Without the tables it generates its units (undated).
// It validates, schedules, rolls up as of a date on that date's map, spotlights one province
// (Nghệ An by default) and prints a short report, one section per step.
//
// To add a step (scheduling, rollup…), write `void demo_<step>(demo_context&)` that reads
// `ctx.model` and fills a section with `ctx.report.add("title")`, and append it to demo_steps().
#include "cli.hpp"

#include <plangraph/plangraph.hpp>
#include <plangraph/generate.hpp>
#include <plangraph/io/vn_admin.hpp>
#include <plangraph/placement.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <limits>
#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace plangraph::cli {

/// A report in sections of labelled lines; each section also says how long its step took.
struct demo_report {
    struct section {
        std::string title{};
        std::vector<std::pair<std::string, std::string>> lines{};
        double seconds = 0.0;

        void line(std::string label, std::string text) { lines.emplace_back(std::move(label), std::move(text)); }
    };
    std::vector<section> sections{};

    section& add(std::string title) {
        sections.push_back({std::move(title), {}, 0.0});
        return sections.back();
    }

    void print(std::ostream& out) const {
        for (const auto& s : sections) {
            out << s.title << " (" << std::fixed << std::setprecision(3) << s.seconds << " s)\n";
            for (const auto& [label, text] : s.lines) out << "  " << std::left << std::setw(12) << label << text << '\n';
        }
    }
};

/// What the steps share: the options, the units' tables (empty: generated units), the draft and
/// model they build, and the report.
struct demo_context {
    generate_options options{};
    std::filesystem::path data{};
    std::string province = "40";  // Nghệ An
    model_draft draft{};
    plangraph::model model{};
    std::size_t problems = 0;
    demo_report report{};
};

/// "57,636": counts read better with thousands separators.
inline std::string with_commas(std::size_t n) {
    std::string digits = std::to_string(n), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

inline void demo_generate_units(demo_context& ctx) {
    ctx.draft = generate_draft(ctx.options);
    auto& s = ctx.report.add("generate: the national model on generated units (no vn-admin-2025 tables found), seed " + std::to_string(ctx.options.seed) +
                             ", progress as of " + format_date(ctx.options.as_of));
    const auto& d = ctx.draft;
    s.line("units", with_commas(d.units.size()));
    s.line("plans", with_commas(d.plans.size()));
    s.line("tasks", with_commas(d.tasks.size()));
    s.line("links", with_commas(d.links.size()));
    s.line("indicators", with_commas(d.indicators.size()));
}

/// Where the shipped vn-admin-2025 tables are: `given` (--data), else beside the installed
/// program (<prefix>/share/plangraph/vn-admin-2025), else in the source tree it was built from;
/// empty when none has them.
inline std::filesystem::path find_vn_admin(const std::filesystem::path& given) {
    namespace fs = std::filesystem;
    if (!given.empty()) return given;
    std::error_code ec;
    std::vector<fs::path> places;
    if (auto exe = fs::read_symlink("/proc/self/exe", ec); !ec)
        places.push_back(exe.parent_path().parent_path() / "share" / "plangraph" / "vn-admin-2025");
#ifdef PLANGRAPH_VN_ADMIN_DATA
    places.emplace_back(PLANGRAPH_VN_ADMIN_DATA);
#endif
    for (const auto& p : places)
        if (fs::is_regular_file(p / "communes.csv", ec)) return p;
    return {};
}

/// `count` tasks of the first half of 2025 on the units from `first_old` on (the old communes),
/// spread evenly, their progress drawn as it stood on the eve of the reorganisation (or on the
/// as-of date when earlier): the history the new map inherits.
inline void add_history(model& m, std::size_t first_old, std::size_t count, const generate_options& o) {
    const std::size_t old = m.units().size() - first_old;
    auto drawn = o;
    drawn.as_of = std::min(o.as_of, io::vn_reorganisation_day() - boost::gregorian::days(1));
    for (std::size_t k = 0; k < count; ++k) {
        auto u = make_id<unit_id>(first_old + k * old / count);
        auto rng = detail::stream(o.seed, 4, index(u));
        task t;
        t.key = "H" + std::to_string(k + 1);
        t.name = "Hand over the commune's records before the merger";
        t.unit = u;
        t.start = date(2025, 3, 3);
        t.due = date(2025, 6, 20);
        t.duration = 40;
        t.weight = rng.between(1, 5);
        detail::draw_progress(rng, t, drawn, 0.85);
        m.add_task(std::move(t));
    }
}

/// The real units: today's (the centre, the provinces, the new communes) come first in the
/// dated hierarchy and get the generated work; each old commune gets one task of history (with
/// --tasks N, a fifth of N at most, so that the model has exactly N).
inline void demo_real_units(demo_context& ctx) {
    auto m = io::load_vn_admin_dated(ctx.data);
    std::size_t today = 0;
    while (today < m.units().size() && alive_on(m.units()[today], io::vn_reorganisation_day())) ++today;
    const std::size_t old = m.units().size() - today;
    auto o = ctx.options;
    std::size_t history = old;
    if (o.task_count) history = std::min(old, *o.task_count / 5), o.task_count = *o.task_count - history;
    generate_work(m, today, o);
    add_history(m, today, history, ctx.options);
    auto& s = ctx.report.add("generate: work on Vietnam's units (vn-admin-2025 tables), seed " +
                             std::to_string(ctx.options.seed) + ", progress as of " + format_date(ctx.options.as_of));
    s.line("units", with_commas(today) + " since " + format_date(io::vn_reorganisation_day()) + ", " +
                        with_commas(old) + " old communes until the day before");
    s.line("plans", with_commas(m.plans().size()));
    s.line("tasks", with_commas(m.tasks().size()) + (history ? " (" + with_commas(history) + " on old communes)" : std::string{}));
    s.line("links", with_commas(m.links().size()));
    s.line("indicators", with_commas(m.indicators().size()));
    ctx.model = std::move(m);
}

inline void demo_generate(demo_context& ctx) {
    if (ctx.data.empty()) demo_generate_units(ctx);
    else demo_real_units(ctx);
}

inline void demo_validate(demo_context& ctx) {
    auto& s = ctx.report.add("validate and build");
    if (ctx.draft.units.empty()) {  // the real units: checked as they loaded, the work as it was added
        s.line("problems", "0");
        return;
    }
    auto problems = validate(ctx.draft);
    ctx.problems = problems.size();
    s.line("problems", std::to_string(problems.size()));
    for (std::size_t i = 0; i < problems.size() && i < 10; ++i) s.line("", to_string(problems[i]));
    if (problems.empty()) ctx.model = build(ctx.draft);
}

inline void demo_summarise(demo_context& ctx) {
    const auto& m = ctx.model;
    auto& s = ctx.report.add("model");
    auto units = m.unit_hierarchy();
    std::map<std::uint32_t, std::size_t> by_depth;
    std::size_t off_map = 0;
    for (std::size_t u = 0; u < m.units().size(); ++u) {
        if (!alive_on(m.units()[u], ctx.options.as_of)) ++off_map;
        else ++by_depth[units.depth(make_id<unit_id>(u))];
    }
    std::string levels;
    for (auto [depth, n] : by_depth)
        levels += (levels.empty() ? "" : ", ") + with_commas(n) + " " +
                  (depth < m.level_names().size() ? m.level_names()[depth] : "level " + std::to_string(depth));
    s.line("units", levels + (off_map ? " on the map of " + format_date(ctx.options.as_of) + "; " +
                                            with_commas(off_map) + " others before or after it" : std::string{}));

    std::size_t cancelled = 0, done = 0, subtasks = 0, recurring = 0;
    for (const auto& t : m.tasks()) {
        cancelled += t.cancelled;
        done += !t.cancelled && t.completed && *t.completed <= ctx.options.as_of;
        subtasks += !is_none(t.parent);
        recurring += t.recurring;
    }
    s.line("tasks", with_commas(m.tasks().size()) + " (" + with_commas(subtasks) + " sub-tasks, " +
                        with_commas(recurring) + " recurring, " + with_commas(cancelled) + " cancelled, " +
                        with_commas(done) + " done)");
    std::size_t by_type[4] = {0, 0, 0, 0};
    for (const auto& l : m.links()) ++by_type[static_cast<int>(l.type)];
    std::string types;
    for (int t = 0; t < 4; ++t)
        types += (t ? ", " : "") + with_commas(by_type[t]) + " " + std::string(to_string(static_cast<link_type>(t)));
    s.line("links", with_commas(m.links().size()) + " (" + types + ")");
    std::size_t with_parent = 0;
    for (const auto& i : m.indicators()) with_parent += !is_none(i.parent);
    s.line("indicators", with_commas(m.indicators().size()) + " (" + with_commas(with_parent) + " roll up into a parent)");
}

/// "81.2%": a rate as people read it; "-" when absent.
inline std::string percent(std::optional<double> rate) {
    if (!rate) return "-";
    std::ostringstream out;
    out << std::fixed << std::setprecision(1) << *rate * 100.0 << '%';
    return out.str();
}

inline void demo_schedule(demo_context& ctx) {
    const auto& m = ctx.model;
    const schedule_network net(m);
    auto plan = net.run(m);
    auto deadlines = propagate_deadlines(m, net, plan);
    std::size_t critical = 0, behind = 0, scheduled = 0;
    for (const auto& t : plan.tasks) {
        scheduled += t.scheduled;
        critical += t.scheduled && t.critical;
        behind += t.scheduled && t.total_slack < 0;
    }
    auto paths = critical_paths(m, plan);
    auto longest = std::max_element(paths.begin(), paths.end(), [](const auto& a, const auto& b) { return a.size() < b.size(); });
    auto& s = ctx.report.add("schedule: the plan, critical path and deadlines");
    s.line("span", format_date(plan.start) + " .. " + format_date(plan.finish));
    s.line("tasks", with_commas(scheduled) + " scheduled, " + with_commas(critical) + " critical, " +
                        with_commas(behind) + " with negative slack (a deadline they cannot meet)");
    if (longest != paths.end())
        s.line("critical", with_commas(paths.size()) + " critical paths; the longest has " +
                               with_commas(longest->size()) + " tasks, ending with " + std::string(m[longest->back()].key));
    std::size_t late = 0;
    for (const auto& c : deadlines.conflicts) late += c.kind == conflict_kind::finishes_late;
    s.line("deadlines", with_commas(deadlines.conflicts.size()) + " conflicts: " + with_commas(late) +
                            " tasks finishing after their effective deadline, " +
                            with_commas(deadlines.conflicts.size() - late) + " sub-tasks due after their parent");
    if (!deadlines.conflicts.empty()) s.line("", deadlines.conflicts.front().message);
}

/// A province's line: its rollup, and how much of it was recorded on units that are gone.
inline std::string province_line(const model& m, const unit_map& map, const std::vector<status_counts>& rows, unit_id p) {
    std::size_t inherited = 0;
    for (const auto& t : m.tasks()) {
        if (t.cancelled || map.on_map(t.unit) || map.place(t.unit) == index(map.unmapped())) continue;
        for (unit_id w = map.place_unit(t.unit); !is_none(w); w = map.tree().parent(w))
            if (w == p) {
                ++inherited;
                break;
            }
    }
    const auto& r = rows[index(p)];
    return m[p].name + ": " + with_commas(r.done()) + "/" + with_commas(r.total()) + " tasks done (" +
           percent(r.completion_rate()) + "), " + with_commas(r.overdue()) + " overdue; " + with_commas(inherited) +
           " of them recorded on its old communes";
}

inline void demo_rollup(demo_context& ctx) {
    const auto& m = ctx.model;
    const date as_of = ctx.options.as_of;
    const unit_map map(m, as_of);
    auto rows = rollup_units(m, as_of, map);
    auto values = aggregate_indicators(m);
    auto indicators = count_indicators(m, values, map);
    auto lights = traffic_lights(map.tree(), rows, indicators);

    auto& s = ctx.report.add("rollup as of " + format_date(as_of) + " on the map of " + format_date(as_of));
    std::size_t on_map[3] = {0, 0, 0};
    for (std::size_t u = 0; u < m.units().size(); ++u)
        if (map.on_map(make_id<unit_id>(u))) ++on_map[std::min<std::uint32_t>(m.units()[u].level, 2)];
    s.line("map", with_commas(on_map[1]) + " provinces, " + with_commas(on_map[2]) + " communes" +
                      (ctx.data.empty() ? " (generated)" : " (vn-admin-2025)"));
    for (unit_id root : map.tree().roots()) {
        if (!map.on_map(root)) continue;
        const auto& r = rows[index(root)];
        s.line(m[root].key, with_commas(r.done()) + "/" + with_commas(r.total()) + " tasks done (" +
                                percent(r.completion_rate()) + "), " + with_commas(r.done_on_time()) +
                                " on schedule, " + with_commas(r.in_progress()) + " in progress within deadline, " +
                                with_commas(r.overdue()) + " overdue");
        const auto& ind = indicators[index(root)].subtree;
        s.line("indicators", with_commas(ind.met) + " of " + with_commas(ind.total) + " met");
    }
    if (m.dated()) s.line("(unmapped)", with_commas(rows[index(map.unmapped())].total()) + " tasks on units not yet on the map");
    std::size_t by_light[3] = {0, 0, 0};
    for (std::size_t u = 0; u < m.units().size(); ++u)
        if (m.units()[u].level == 1 && map.on_map(make_id<unit_id>(u))) ++by_light[static_cast<int>(lights[u])];
    s.line("provinces", std::to_string(by_light[0]) + " green, " + std::to_string(by_light[1]) + " amber, " +
                            std::to_string(by_light[2]) + " red");
    auto ranking = rank_units(m, map, 1, [&](unit_id u) { return rows[index(u)].completion_rate(); });
    for (std::size_t i = 0; i < ranking.size(); ++i) {
        if (i >= 3 && i + 3 < ranking.size()) continue;  // the top three and the bottom three
        const auto& r = rows[index(ranking[i].unit)];
        s.line("#" + std::to_string(ranking[i].rank), m[ranking[i].unit].name + ": " + percent(r.completion_rate()) +
                                                        " done, " + percent(r.on_time_rate()) + " on time, " +
                                                        std::string(to_string(lights[index(ranking[i].unit)])));
    }
    if (auto p = m.find_unit(ctx.province); p && map.on_map(*p)) s.line("spotlight", province_line(m, map, rows, *p));
}

/// The steps in order; a step after validation runs only on a valid model.
inline std::vector<void (*)(demo_context&)> demo_steps() {
    return {demo_generate, demo_validate, demo_summarise, demo_schedule, demo_rollup};
}

/// Bounds of --tasks: at least one task (so the schedule has a start), at most what the machine of
/// a province's server holds comfortably.
inline constexpr std::size_t demo_min_tasks = 1, demo_max_tasks = 2'000'000;

struct demo_command : command {
    demo_context ctx{};
    std::optional<date> as_of{};
    std::size_t tasks = 0;  // 0: the per-level counts of Plan 02
    std::filesystem::path data{};

    void setup(CLI::App& app) override {
        add_count(app, "--seed", ctx.options.seed, std::uint64_t{0}, std::numeric_limits<std::uint64_t>::max(),
                  "random seed of the generated progress (default 57)");
        add_count(app, "--tasks", tasks, demo_min_tasks, demo_max_tasks,
                  "exactly this many tasks, in Plan 02's proportions (default: 16 per commune and the rest)");
        add_date(app, "--as-of", as_of, "the date progress is drawn and rolled up as of (default 2025-12-31)");
        app.add_option("--data", data, "the vn-admin-2025 tables (default: the shipped copy; generated units without one)")
            ->type_name("DIR");
        app.add_option("--province", ctx.province, "the province to spotlight, by code (default 40, Nghệ An)")
            ->type_name("CODE");
    }

    int run(std::ostream& out) override {
        if (tasks) ctx.options.task_count = tasks;
        if (as_of) ctx.options.as_of = *as_of;
        ctx.data = find_vn_admin(data);
        using clock = std::chrono::steady_clock;
        const auto begin = clock::now();
        for (auto step : demo_steps()) {
            const auto t0 = clock::now();
            step(ctx);
            if (!ctx.report.sections.empty())
                ctx.report.sections.back().seconds = std::chrono::duration<double>(clock::now() - t0).count();
            if (ctx.problems) break;
        }
        out << "plangraph demo: Resolution 57's national programme, "
            << (ctx.data.empty() ? "generated" : "on Vietnam's units since 1 July 2025 and before (vn-admin-2025)") << "\n\n";
        ctx.report.print(out);
        out << "total " << std::fixed << std::setprecision(3) << std::chrono::duration<double>(clock::now() - begin).count()
            << " s\n";
        return ctx.problems ? model_problems : success;
    }
};

}  // namespace plangraph::cli
