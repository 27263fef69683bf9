// The national picture: Plan 02's 16 tasks in every commune of Vietnam, rolled up and the 34
// provinces ranked.
//
//   national_picture [VN_ADMIN_DIR]
//
//   VN_ADMIN_DIR  the real units (../shared/data/vn-admin-2025: 34 provinces, 3,321 communes);
//                 without it, the generator's synthetic units of the same shape.
//
//   rank  province                 light  done/total  done   on time  overdue  communes
//      1  Tỉnh …                   green     …/…      100%     …%         0       …
//   …
//   national: N/M tasks done (x%), K on schedule, …
//
// Progress is simulated, deterministically (the same seed gives the same figures everywhere):
// generate_work() gives every commune Plan 02's 16 tasks with dates and progress as of the
// rollup date, each task decomposing the centre's summary task of the same number.
#include <plangraph/generate.hpp>
#include <plangraph/io/vn_admin.hpp>
#include <plangraph/plangraph.hpp>

#include <cstdio>
#include <exception>
#include <string>

using namespace plangraph;

namespace {

// printf pads by bytes and a Vietnamese letter takes two or three: pad by code points.
std::string pad(std::string s, std::size_t width) {
    std::size_t points = 0;
    for (char c : s) points += (c & 0xC0) != 0x80;
    if (points < width) s.append(width - points, ' ');
    return s;
}

std::string percent(std::optional<double> rate) {
    if (!rate) return "-";
    char text[16];
    std::snprintf(text, sizeof text, "%.1f%%", *rate * 100.0);
    return text;
}

}  // namespace

int main(int argc, char** argv) try {
    const date as_of(2025, 11, 15);

    // 1. Only Plan 02's work: the centre holds the 16 summary tasks, provinces none, and every
    //    commune its 16 tasks; no indicators. Progress is drawn as it stands on `as_of`.
    generate_options o;
    o.central_tasks = 16;
    o.tasks_per_province = 0;
    o.tasks_per_commune = 16;
    o.central_indicators = o.indicators_per_province = o.indicators_per_commune = 0;
    o.as_of = as_of;

    // 2. The units: real ones when a folder is given, else generated; then the work on them.
    model m;
    if (argc > 1) {
        m = io::load_vn_admin(argv[1]);
        generate_work(m, o);
        std::printf("units: %s\n", argv[1]);
    } else {
        m = generate_model(o);
        std::printf("units: generated (34 provinces, 3,321 communes; pass the vn-admin-2025 folder for the real ones)\n");
    }

    // 3. Rollup as of the date, lights by the default rule, provinces ranked by completion.
    const auto units = m.unit_hierarchy();
    const auto rows = rollup_units(m, as_of);
    const auto lights = traffic_lights(units, rows, {});
    const auto ranking = rank_units(m, 1, [&](unit_id u) { return rows[index(u)].completion_rate(); });

    std::printf("as of %s\n\n%4s  %s %-6s %11s %7s %8s %8s %9s\n", format_date(as_of).c_str(), "rank",
                pad("province", 26).c_str(), "light", "done/total", "done", "on time", "overdue", "communes");
    status_counts national;  // the provinces' rows add up: rollups are mergeable
    std::size_t communes = 0;
    for (const auto& r : ranking) {
        const auto& c = rows[index(r.unit)];
        national += c;
        communes += units.children(r.unit).size();
        std::string done = std::to_string(c.done()) + "/" + std::to_string(c.total());
        std::printf("%4u  %s %-6s %11s %7s %8s %8llu %9zu\n", r.rank, pad(m[r.unit].name, 26).c_str(),
                    std::string(to_string(lights[index(r.unit)])).c_str(), done.c_str(),
                    percent(c.completion_rate()).c_str(), percent(c.on_time_rate()).c_str(),
                    static_cast<unsigned long long>(c.overdue()), units.children(r.unit).size());
    }

    // 4. National totals: the communes' tasks (the centre's 16 summaries are not counted twice).
    std::printf("\nnational: %llu/%llu tasks done (%s), %llu on schedule, %llu in progress within deadline, "
                "%llu overdue, %llu cancelled\n",
                static_cast<unsigned long long>(national.done()), static_cast<unsigned long long>(national.total()),
                percent(national.completion_rate()).c_str(), static_cast<unsigned long long>(national.done_on_time()),
                static_cast<unsigned long long>(national.in_progress()),
                static_cast<unsigned long long>(national.overdue()),
                static_cast<unsigned long long>(national.cancelled()));

    // What the program promises: 34 provinces, 16 tasks in each of the 3,321 communes, every one
    // of them counted once, and the centre's rollup = its own 16 summaries + the provinces'.
    status_counts centre_own = rows[index(units.roots().front())];
    centre_own -= national;
    bool ok = ranking.size() == 34 && communes == 3321 &&
              national.total() + national.cancelled() == 16 * communes && centre_own.total() + centre_own.cancelled() == 16;
    if (!ok) std::fprintf(stderr, "national_picture: the model does not have the expected shape\n");
    return ok ? 0 : 1;
} catch (const std::exception& e) {
    std::fprintf(stderr, "national_picture: %s\n", e.what());
    return 2;
}
