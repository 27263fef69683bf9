#pragma once
// A deterministic generator of national models, for tests, benchmarks and the demo. The default
// is the reference case: one centre, 34 provinces, 3,321 communes; a central plan cascading to a
// plan per province and per commune; ~1,100 central tasks, 100 per province, and Plan 02's same 16
// tasks in every commune, each commune task decomposing the central task it concretises.
//
// Everything random comes from splitmix64 streams written here (std distributions differ between
// standard libraries), one stream per unit, so the same seed gives the same model everywhere.
#include "date.hpp"
#include "draft.hpp"
#include "hierarchy.hpp"
#include "ids.hpp"
#include "model.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace plangraph {

/// Sebastiano Vigna's splitmix64: tiny, fast, and the same sequence on every platform.
class splitmix64 {
public:
    explicit splitmix64(std::uint64_t seed) noexcept : state_(seed) {}

    std::uint64_t next() noexcept {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    /// Uniform in [0, 1).
    double uniform() noexcept { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    /// Uniform in [0, n); 0 when n is 0. The modulo bias is below 2^-32 for our n.
    std::uint32_t below(std::uint64_t n) noexcept { return n ? static_cast<std::uint32_t>(next() % n) : 0; }
    /// Uniform in [lo, hi].
    int between(int lo, int hi) noexcept { return lo + static_cast<int>(below(static_cast<std::uint64_t>(hi - lo) + 1)); }
    bool chance(double p) noexcept { return uniform() < p; }

private:
    std::uint64_t state_;
};

/// The shape and the randomness of a generated model. Defaults are the reference case.
struct generate_options {
    std::uint64_t seed = 57;  // Resolution 57-NQ/TW
    // Synthetic units (ignored by generate_work, which takes the model's own units).
    std::size_t provinces = 34;
    std::size_t communes = 3321;  // spread unevenly over the provinces, exactly this many in all
    // Tasks per unit by depth: centre (depth 0), province (1), commune and deeper (2+).
    std::size_t central_tasks = 1100;  // the first 16 are Plan 02's summary tasks
    std::size_t tasks_per_province = 100;
    std::size_t tasks_per_commune = 16;  // Plan 02's 16 tasks, then extra ones
    /// When set, exactly this many tasks, in the proportions of the per-depth counts above.
    std::optional<std::size_t> task_count{};
    // Indicators per unit by depth; a unit's k-th indicator rolls up into its parent unit's k-th.
    std::size_t central_indicators = 65;
    std::size_t indicators_per_province = 65;
    std::size_t indicators_per_commune = 4;
    // Dates: tasks fall within the horizon; progress is drawn as it would stand on `as_of`.
    date horizon_begin{2025, 1, 1};
    date horizon_end{2026, 12, 31};
    date as_of{2025, 12, 31};
    double cancelled_share = 0.01;
    double subtask_share = 0.3;  // province/extra commune tasks that decompose a task one level up
    double link_share = 0.6;     // tasks with a predecessor in their unit's plan
};

/// Plan 02-KH/BCĐTW: every commune gets the same 16 tasks. The names and deadlines are
/// illustrative, in the spirit of the plan, not its official text.
struct plan02_task {
    std::string_view name;
    date start;
    date due;
};

inline const std::array<plan02_task, 16>& plan02_tasks() {
    static const std::array<plan02_task, 16> tasks = [] {
        constexpr std::string_view names[16] = {
            "Establish the commune steering committee for science, technology, innovation and digital transformation",
            "Issue the commune plan implementing Plan 02-KH/BCĐTW",
            "Publish the commune's administrative procedures on the national public service portal",
            "Provide full-process online public services",
            "Digitise civil status, land and household records",
            "Connect the commune document system to the province's",
            "Sign official documents with specialised digital signatures",
            "Train commune officials in digital skills",
            "Set up community digital technology teams in every village",
            "Bring broadband and 4G/5G coverage to every village",
            "Promote cashless payment of public service fees",
            "Clean and synchronise commune data with the national population database",
            "Secure the commune's information systems",
            "Explain Resolution 57 to officials and residents",
            "Report progress to the province every month",
            "Review and evaluate the results of the plan",
        };
        constexpr int due[16][3] = {{2025, 7, 31}, {2025, 8, 15},  {2025, 8, 31},  {2025, 9, 30},
                                    {2025, 10, 31}, {2025, 9, 30}, {2025, 11, 15}, {2025, 11, 15},
                                    {2025, 11, 15}, {2025, 12, 31}, {2025, 12, 31}, {2026, 3, 31},
                                    {2026, 3, 31},  {2026, 6, 30},  {2026, 6, 30},  {2026, 12, 31}};
        std::array<plan02_task, 16> out{};
        for (int j = 0; j < 16; ++j) {
            auto d = [&](int i) { return static_cast<unsigned short>(due[j][i]); };
            out[static_cast<std::size_t>(j)] = {names[j], date(2025, 7, 1) + boost::gregorian::days(7 * (j / 4)), date(d(0), d(1), d(2))};
        }
        return out;
    }();
    return tasks;
}

namespace detail {

/// An independent stream per (seed, purpose, unit), so adding tasks to one unit leaves the
/// others unchanged.
inline splitmix64 stream(std::uint64_t seed, std::uint64_t purpose, std::uint64_t unit) {
    splitmix64 mix(seed ^ (purpose * 0xD1B54A32D192ED03ull));
    std::uint64_t s = mix.next() ^ (unit * 0x9E3779B97F4A7C15ull);
    return splitmix64(splitmix64(s).next());
}

/// Splits `total` into `weights.size()` integers proportional to the weights, summing exactly to
/// `total` (largest remainders; ties to the lower index).
inline std::vector<std::size_t> apportion(std::size_t total, const std::vector<double>& weights) {
    std::vector<std::size_t> out(weights.size(), 0);
    if (weights.empty()) return out;
    double sum = 0;
    for (double w : weights) sum += w;
    std::vector<std::pair<double, std::size_t>> rest;
    std::size_t given = 0;
    for (std::size_t i = 0; i < weights.size(); ++i) {
        double exact = sum > 0 ? static_cast<double>(total) * weights[i] / sum : 0.0;
        out[i] = static_cast<std::size_t>(exact);
        given += out[i];
        rest.push_back({exact - static_cast<double>(out[i]), i});
    }
    std::stable_sort(rest.begin(), rest.end(), [](auto& a, auto& b) { return a.first > b.first; });
    for (std::size_t k = 0; given < total; ++k, ++given) ++out[rest[k % rest.size()].second];
    return out;
}

/// Builds a model_draft through the same calls the generator makes on a model, turning ids back
/// into the string ids a draft holds.
class draft_sink {
public:
    model_draft draft{};

    const task& operator[](task_id id) const { return draft.tasks[index(id)].value; }

    unit_id add_unit(unit u) {
        unit_row r;
        if (!is_none(u.parent)) r.parent = draft.units[index(u.parent)].value.key;
        u.parent = no_id<unit_id>;
        r.value = std::move(u);
        draft.units.push_back(std::move(r));
        return make_id<unit_id>(draft.units.size() - 1);
    }
    plan_id add_plan(plan p) {
        plan_row r;
        r.unit = draft.units[index(p.unit)].value.key;
        if (!is_none(p.parent)) r.parent = draft.plans[index(p.parent)].value.key;
        p.unit = no_id<unit_id>;
        p.parent = no_id<plan_id>;
        r.value = std::move(p);
        draft.plans.push_back(std::move(r));
        return make_id<plan_id>(draft.plans.size() - 1);
    }
    task_id add_task(task t) {
        task_row r;
        r.unit = draft.units[index(t.unit)].value.key;
        if (!is_none(t.plan)) r.plan = draft.plans[index(t.plan)].value.key;
        if (!is_none(t.parent)) r.parent = draft.tasks[index(t.parent)].value.key;
        t.unit = no_id<unit_id>;
        t.plan = no_id<plan_id>;
        t.parent = no_id<task_id>;
        r.value = std::move(t);
        draft.tasks.push_back(std::move(r));
        return make_id<task_id>(draft.tasks.size() - 1);
    }
    indicator_id add_indicator(indicator i) {
        indicator_row r;
        r.unit = draft.units[index(i.unit)].value.key;
        if (!is_none(i.plan)) r.plan = draft.plans[index(i.plan)].value.key;
        if (!is_none(i.parent)) r.parent = draft.indicators[index(i.parent)].value.key;
        i.unit = no_id<unit_id>;
        i.plan = no_id<plan_id>;
        i.parent = no_id<indicator_id>;
        r.value = std::move(i);
        draft.indicators.push_back(std::move(r));
        return make_id<indicator_id>(draft.indicators.size() - 1);
    }
    void add_links(std::span<const link> ls) {
        draft.links.reserve(draft.links.size() + ls.size());
        for (const auto& l : ls) {
            link_row r;
            r.from = draft.tasks[index(l.from)].value.key;
            r.to = draft.tasks[index(l.to)].value.key;
            r.value = {no_id<task_id>, no_id<task_id>, l.type, l.lag};
            draft.links.push_back(std::move(r));
        }
    }
};

/// The synthetic units: the centre, then each province followed by its communes (pre-order, so
/// a province's subtree is contiguous). Communes per province vary between 0.5× and 1.5× of the
/// mean and add up exactly.
inline std::vector<unit> synthetic_units(const generate_options& o) {
    auto rng = stream(o.seed, 1, 0);
    std::vector<double> spread(o.provinces);
    for (auto& w : spread) w = 0.5 + rng.uniform();
    auto communes = apportion(o.communes, spread);

    std::vector<unit> units;
    units.reserve(1 + o.provinces + o.communes);
    units.push_back({.key = "VN", .name = "Việt Nam", .weight = 0.0});
    for (std::size_t p = 0; p < o.provinces; ++p) {
        std::string code = std::to_string(p + 1);
        if (code.size() < 2) code.insert(0, 2 - code.size(), '0');
        auto province = make_id<unit_id>(units.size());
        units.push_back({.key = "VN-" + code, .name = "Province " + code, .parent = make_id<unit_id>(0), .weight = 0.0});
        for (std::size_t c = 0; c < communes[p]; ++c) {
            std::string n = std::to_string(c + 1);
            if (n.size() < 3) n.insert(0, 3 - n.size(), '0');
            double area = 5.0 + std::round(rng.uniform() * 30000.0) / 100.0;  // km², weights the rollup
            units.push_back({.key = "VN-" + code + "-" + n, .name = "Commune " + code + "-" + n,
                             .parent = province, .weight = area});
            units[index(province)].weight += area;
        }
        units[0].weight += units[index(province)].weight;
    }
    return units;
}

/// Tasks per unit: the per-depth counts, or `task_count` split over depths in those proportions
/// (centre and provinces rounded down, communes take the rest), then evenly over the units.
inline std::vector<std::size_t> tasks_per_unit(const hierarchy<unit_id>& h, const generate_options& o) {
    const std::size_t n = h.size();
    auto tier = [&](std::size_t u) { return std::min<std::uint32_t>(h.depth(make_id<unit_id>(u)), 2); };
    const std::size_t per_tier[3] = {o.central_tasks, o.tasks_per_province, o.tasks_per_commune};
    std::vector<std::size_t> out(n);
    for (std::size_t u = 0; u < n; ++u) out[u] = per_tier[tier(u)];
    if (!o.task_count) return out;

    std::size_t units_in[3] = {0, 0, 0}, reference[3] = {0, 0, 0};
    for (std::size_t u = 0; u < n; ++u) ++units_in[tier(u)], reference[tier(u)] += out[u];
    const double all = static_cast<double>(reference[0] + reference[1] + reference[2]);
    std::size_t wanted[3] = {0, 0, 0};
    for (int t = 0; t < 2; ++t)
        wanted[t] = all > 0 ? static_cast<std::size_t>(static_cast<double>(*o.task_count) * static_cast<double>(reference[t]) / all) : 0;
    // The deepest populated tier takes the rest, so the total is exact.
    int last = units_in[2] ? 2 : units_in[1] ? 1 : 0;
    for (int t = last + 1; t < 3; ++t) wanted[t] = 0;
    std::size_t others = 0;
    for (int t = 0; t < 3; ++t)
        if (t != last) others += wanted[t];
    wanted[last] = *o.task_count - std::min(others, *o.task_count);
    std::size_t seen[3] = {0, 0, 0};
    for (std::size_t u = 0; u < n; ++u) {
        auto t = tier(u);
        out[u] = wanted[t] / units_in[t] + (seen[t]++ < wanted[t] % units_in[t] ? 1 : 0);
    }
    return out;
}

/// Start, due, duration (working days, approximated as 5/7 of calendar days) and progress.
struct task_dates {
    std::optional<date> start, due;
    int duration = 0;
};

inline int working_days_between(date a, date b) {
    auto days = (b - a).days();
    return days <= 0 ? 0 : static_cast<int>(days * 5 / 7) + 1;
}

/// Dates of a task in [begin, end]: it starts in the first four fifths, lasts what fits, and is
/// due a little after its planned finish, never after `end`.
inline task_dates random_dates(splitmix64& rng, date begin, date end, int max_duration) {
    task_dates d;
    const int span = static_cast<int>((end - begin).days());
    date start = begin + boost::gregorian::days(rng.between(0, std::max(0, span * 4 / 5)));
    const int room = std::max(1, working_days_between(start, end) - 1);
    d.duration = rng.chance(0.04) ? 0 : std::min(room, rng.between(std::min(5, room), std::max(5, max_duration)));
    date due = start + boost::gregorian::days(d.duration * 7 / 5 + rng.between(0, 30));
    if (due > end) due = end;
    if (!rng.chance(0.05)) d.start = start;
    if (!rng.chance(0.05)) d.due = due;
    return d;
}

inline task_dates random_dates(splitmix64& rng, const generate_options& o) {
    return random_dates(rng, o.horizon_begin, o.horizon_end, 120);
}

/// True when `to` can start after `from` finishes (plus the link's lag) as both are planned, so
/// that a finish-to-start link between them costs no deadline. Days are calendar estimates.
inline bool fits_after(const task_view& from, const task_view& to, int lag) {
    if (!from.start || !to.start) return false;
    // A summary's dates span its sub-tasks, up to its due date: count on the later of the two.
    date finish = *from.start + boost::gregorian::days(from.duration * 7 / 5);
    if (from.due && *from.due > finish) finish = *from.due;
    return finish + boost::gregorian::days(std::max(0, lag) * 7 / 5 + 3) <= *to.start;
}

/// Progress as it stands on `as_of`: never a completion after it. `diligence` is the chance
/// that work due by then is done.
inline void draw_progress(splitmix64& rng, task& t, const generate_options& o, double diligence) {
    using boost::gregorian::days;
    const date as_of = o.as_of;
    const date start = t.start.value_or(o.horizon_begin);
    if (t.cancelled || start > as_of) return;
    auto pick = [&](date a, date b) { return a + days(rng.between(0, static_cast<int>(std::max<long>(0, (b - a).days())))); };
    if (t.due && *t.due <= as_of) {
        if (rng.chance(diligence)) {
            const date due = std::max(*t.due, start);
            if (rng.chance(0.8) || due >= as_of) t.completed = pick(start, due);
            else t.completed = std::min(as_of, due + days(rng.between(1, 45)));
        } else {
            t.percent = rng.between(10, 90);
        }
    } else if (rng.chance(0.2 * diligence)) {
        t.completed = pick(start, as_of);
    } else {
        double elapsed = t.due ? static_cast<double>((as_of - start).days()) /
                                     static_cast<double>(std::max<long>(1, (*t.due - start).days()))
                               : 0.5;
        t.percent = std::clamp(std::round(elapsed * (0.5 + rng.uniform() * 0.7) * 100.0), 0.0, 95.0);
    }
    if (t.completed) t.percent = 100.0;
}

inline link random_link(splitmix64& rng, task_id from, task_id to) {
    static constexpr link_type types[] = {link_type::start_to_start, link_type::finish_to_finish,
                                          link_type::start_to_finish};
    link l{from, to, link_type::finish_to_start, 0};
    if (double r = rng.uniform(); r >= 0.85) l.type = types[r < 0.92 ? 0 : r < 0.97 ? 1 : 2];
    if (rng.chance(0.3)) l.lag = rng.between(-3, 10);
    return l;
}

/// Plan 02's 16 tasks depend on each other the same way in every commune: (from, to) pairs.
inline constexpr std::pair<int, int> plan02_links[] = {
    {0, 1}, {1, 2}, {2, 3}, {1, 4}, {4, 11}, {2, 5}, {5, 6}, {0, 7},
    {7, 8}, {9, 10}, {3, 10}, {11, 12}, {6, 12}, {1, 14}, {13, 15}, {14, 15}};

inline indicator random_indicator(splitmix64& rng, std::size_t k) {
    indicator i;
    i.agg = static_cast<aggregation>(k % 8);
    i.dir = k % 7 == 6 ? direction::lower_is_better : direction::higher_is_better;
    i.weight = rng.between(1, 4);
    i.period = date_period(date(2025, 1, 1), date(2026, 1, 1));
    double target = i.agg == aggregation::sum ? rng.between(50, 150) : rng.between(60, 100);
    i.target = target;
    if (i.agg == aggregation::ratio) {
        double den = rng.between(100, 1000);
        i.denominator = den;
        i.numerator = std::round(den * (0.3 + 0.7 * rng.uniform()));
        i.target = 0.8;
        i.actual = *i.numerator / den;
    } else if (!rng.chance(0.05)) {
        i.actual = std::round(target * (0.5 + 0.8 * rng.uniform()));
    }
    return i;
}

/// Plans, tasks, links and indicators over the units `units` (already in `out`, same ids).
template <class Sink>
void generate_work(Sink& out, std::span<const unit> units, const generate_options& o) {
    std::vector<unit_id> parents;
    parents.reserve(units.size());
    for (const auto& u : units) parents.push_back(u.parent);
    const hierarchy<unit_id> h(std::move(parents));
    const auto counts = tasks_per_unit(h, o);
    const auto& p02 = plan02_tasks();
    std::size_t total_tasks = 0;
    for (auto c : counts) total_tasks += c;
    if constexpr (requires { out.reserve(units.size(), units.size(), total_tasks, total_tasks, units.size()); })
        out.reserve(units.size(), units.size() + 1, total_tasks, total_tasks * 3 / 4, 4 * units.size());

    // Plans cascade along the units; the first root also issues Plan 02 below its own plan.
    std::vector<plan_id> plan_of(units.size(), no_id<plan_id>);
    plan_id plan02 = no_id<plan_id>;
    for (unit_id u : h.pre_order()) {
        const auto& x = units[index(u)];
        auto parent = is_none(x.parent) ? no_id<plan_id> : plan_of[index(x.parent)];
        plan_of[index(u)] = out.add_plan({.key = "KH-" + x.key, .name = "Plan of " + x.name, .unit = u,
                                          .parent = parent, .issued = date(2025, 2, 1) + boost::gregorian::days(30 * std::min<std::uint32_t>(h.depth(u), 5))});
        if (is_none(plan02) && is_none(x.parent))
            plan02 = out.add_plan({.key = "02-KH/BCĐTW", .name = "Plan 02-KH/BCĐTW: the 16 tasks of every commune",
                                   .unit = u, .parent = plan_of[index(u)], .issued = date(2025, 6, 30)});
    }

    std::vector<task_id> first_task(units.size()), plan02_summary;
    std::vector<task_id> parent_of;  // by task: a draft keeps parents as strings, so keep them here
    parent_of.reserve(total_tasks);
    std::vector<link> links;
    std::size_t task_number = 0, indicator_number = 0;
    std::vector<std::vector<indicator_id>> indicators_of(units.size());
    const std::size_t indicator_counts[3] = {o.central_indicators, o.indicators_per_province, o.indicators_per_commune};

    for (unit_id u : h.pre_order()) {
        const auto& x = units[index(u)];
        const auto depth = std::min<std::uint32_t>(h.depth(u), 2);
        auto rng = stream(o.seed, 2, index(u));
        auto kin = stream(o.seed, 3, index(is_none(x.parent) ? u : x.parent));
        const double diligence = 0.6 + 0.39 * kin.uniform() + (rng.uniform() - 0.5) * 0.1;
        const bool template_unit = depth == 0 ? plan02_summary.empty() : depth == 2;
        // The tasks one level up that this unit's tasks may decompose.
        const std::size_t up_first = is_none(x.parent) ? 0 : index(first_task[index(x.parent)]);
        const std::size_t up_count = is_none(x.parent) ? 0 : counts[index(x.parent)];
        first_task[index(u)] = make_id<task_id>(task_number);

        for (std::size_t k = 0; k < counts[index(u)]; ++k) {
            task t;
            t.key = "T" + std::to_string(++task_number);
            t.unit = u;
            t.plan = plan_of[index(u)];
            t.weight = rng.between(1, 5);
            if (template_unit && k < p02.size()) {
                const auto& tp = p02[k];
                t.name = tp.name;
                t.start = tp.start;
                t.due = tp.due;
                t.duration = std::max(1, working_days_between(tp.start, tp.due) / 3);
                if (depth == 0) t.plan = plan02;
                else if (k < plan02_summary.size()) t.parent = plan02_summary[k];
            } else {
                t.name = (depth == 0 ? "Central task " : "Task ") + std::to_string(k + 1);
                // Decomposition skips the parent's Plan 02 summaries: those have their own children.
                const std::size_t skip = depth == 1 ? std::min(up_count, p02.size()) : 0;
                if (up_count > skip && rng.chance(o.subtask_share)) {
                    auto parent = make_id<task_id>(up_first + skip + rng.below(up_count - skip));
                    // A sub-task is planned inside its parent's window; a parent without one
                    // (no start or due, or under a week) is not decomposed.
                    const task_view p = out[parent];
                    if (p.start && p.due && (*p.due - *p.start).days() >= 7) t.parent = parent;
                }
                const task_dates d = is_none(t.parent) ? random_dates(rng, o)
                                                       : random_dates(rng, *out[t.parent].start, *out[t.parent].due, 60);
                t.start = d.start;
                t.due = d.due;
                t.duration = d.duration;
                t.recurring = depth < 2 && rng.chance(0.02);
                if (t.recurring) t.due.reset();
            }
            t.cancelled = rng.chance(o.cancelled_share);
            draw_progress(rng, t, o, diligence);
            parent_of.push_back(t.parent);
            auto id = out.add_task(std::move(t));
            if (depth == 0 && template_unit && k < p02.size()) plan02_summary.push_back(id);
        }

        // Links only within the unit's plan and from a lower index to a higher one: a DAG. Plan
        // 02's links are drawn in every commune, not between the central summaries: a link
        // between summaries would make each commune wait for the slowest of all.
        const std::size_t first = index(first_task[index(u)]), n = counts[index(u)];
        const std::size_t templated = template_unit ? std::min(n, p02.size()) : 0;
        if (depth == 2)
            for (auto [a, b] : plan02_links)
                if (static_cast<std::size_t>(b) < templated)
                    links.push_back({make_id<task_id>(first + static_cast<std::size_t>(a)), make_id<task_id>(first + static_cast<std::size_t>(b)), link_type::finish_to_start, 0});
        // Other tasks link to a few recent ones with the same parent (a link across summaries
        // could close a cycle through them), as plans are written: finish-to-start when the
        // planned dates allow it, else start-to-start when they allow that, else not at all.
        auto add_link = [&](std::size_t a, std::size_t k) {
            link l = random_link(rng, make_id<task_id>(first + a), make_id<task_id>(first + k));
            if (parent_of[index(l.from)] != parent_of[index(l.to)]) return;
            const task_view from = out[l.from];
            const task_view to = out[l.to];
            if (!fits_after(from, to, l.lag)) {
                if (from.start && to.start && *to.start < *from.start) return;  // it would delay `to`
                l = {l.from, l.to, link_type::start_to_start, 0};
            }
            links.push_back(l);
        };
        for (std::size_t k = templated + 1; k < n; ++k) {
            if (!rng.chance(o.link_share)) continue;
            std::size_t window = std::min<std::size_t>(k - templated, 8);
            std::size_t a = k - 1 - rng.below(window);
            add_link(a, k);
            if (window > 1 && rng.chance(0.15)) {
                std::size_t b = k - 1 - rng.below(window);
                if (b != a) add_link(b, k);
            }
        }

        const auto& parent_indicators = is_none(x.parent) ? indicators_of[index(u)] : indicators_of[index(x.parent)];
        for (std::size_t k = 0; k < indicator_counts[depth]; ++k) {
            indicator i = random_indicator(rng, k);
            i.key = "I" + std::to_string(++indicator_number);
            i.name = "Indicator " + std::to_string(k + 1);
            i.unit = u;
            i.plan = plan_of[index(u)];
            if (!is_none(x.parent) && k < parent_indicators.size()) i.parent = parent_indicators[k];
            indicators_of[index(u)].push_back(out.add_indicator(std::move(i)));
        }
    }
    out.add_links(links);
}

template <class Sink>
void generate_into(Sink& out, const generate_options& o) {
    auto units = synthetic_units(o);
    for (const auto& u : units) out.add_unit(u);
    generate_work(out, std::span<const unit>(units), o);
}

}  // namespace detail

/// A national model: units, cascading plans, tasks with dates and progress as of `o.as_of`,
/// dependency links (a DAG within each unit's plan) and indicators. Same options, same model.
template <class Model = model>
Model generate_model(const generate_options& o = {}) {
    Model m;
    detail::generate_into(m, o);
    return m;
}

/// The same model as generate_model, as a draft (string ids, no locations): for writing it out
/// or for checking validate() and build() on it.
inline model_draft generate_draft(const generate_options& o = {}) {
    detail::draft_sink sink;
    detail::generate_into(sink, o);
    return std::move(sink.draft);
}

/// Adds plans, tasks, links and indicators (as generate_work below) to the first `units` units of
/// a model that holds only units, whose parents are among them: e.g. the units of
/// today's map in a dated hierarchy that lists them before the units that ended (the old
/// communes of io::load_vn_admin_dated), which get no work.
template <class Model>
void generate_work(Model& m, std::size_t units, const generate_options& o) {
    if (!m.plans().empty() || !m.tasks().empty() || !m.indicators().empty())
        throw model_error("generate_work: the model must hold units only");
    if (units > m.units().size())
        throw model_error("generate_work: " + std::to_string(units) + " units of a model of " + std::to_string(m.units().size()));
    std::vector<unit> some(m.units().begin(), m.units().begin() + static_cast<std::ptrdiff_t>(units));
    for (const auto& u : some)
        if (!is_none(u.parent) && index(u.parent) >= units)
            throw model_error("generate_work: unit " + u.key + " has its parent outside the first " + std::to_string(units) + " units");
    detail::generate_work(m, std::span<const unit>(some), o);
}

/// Adds plans, tasks, links and indicators to a model that holds only units (e.g. the real
/// administrative units): depth 0 gets central tasks, depth 1 province tasks, deeper units Plan
/// 02's 16 tasks. The shape fields of `o` (provinces, communes) are ignored.
template <class Model>
void generate_work(Model& m, const generate_options& o = {}) {
    generate_work(m, m.units().size(), o);
}

}  // namespace plangraph
