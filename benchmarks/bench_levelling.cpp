// Levelling quality on PSPLIB (../shared/oracle/psplib): per set and budget, the mean deviation
// of the span from the reference of Kolisch & Hartmann's protocol (j30: the optimum; j60, j120:
// the critical path), from the best known span, and the mean time per instance. A plain
// program, not Google Benchmark: the question is quality at a budget, and each figure is one run.
// Every schedule is checked (arcs, capacities, span >= the bound); one that fails ends the run
// with exit 1.
//
// Usage: bench_levelling [--psplib DIR] [--sets j30,j60,j120] [--budgets 1,100,1000,5000,default]
//                        [--seed N]
#include <plangraph/io/psplib.hpp>
#include <plangraph/levelling.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace rcpsp = plangraph::rcpsp;

struct instance {
    std::string name;
    int reference = 0;   // j30: optimum; otherwise critical path
    int best_known = 0;
    int critical_path = 0;
};

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    std::stringstream in(s);
    for (std::string item; std::getline(in, item, sep);) out.push_back(item);
    return out;
}

/// The rows of tables.csv for one set, in file order.
std::vector<instance> instances_of(const std::filesystem::path& dir, const std::string& set) {
    std::ifstream in(dir / "tables.csv");
    std::vector<instance> out;
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
        auto cells = split(line, ',');
        if (cells.size() != 4 || !std::filesystem::exists(dir / set / (cells[0] + ".sm"))) continue;
        instance x{cells[0], 0, std::stoi(cells[2]), std::stoi(cells[3])};
        x.reference = set == "j30" ? std::stoi(cells[1]) : x.critical_path;
        out.push_back(x);
    }
    return out;
}

struct figures {
    double deviation = 0, from_best = 0, seconds = 0, schedules = 0;
};

figures run(const std::filesystem::path& dir, const std::string& set, const std::vector<instance>& all,
            std::size_t budget, std::uint64_t seed) {
    figures f;
    for (const auto& x : all) {
        auto p = plangraph::io::read_psplib(dir / set / (x.name + ".sm"));
        auto t0 = std::chrono::steady_clock::now();
        rcpsp::network net(p);
        auto s = rcpsp::level(net, {budget, seed});
        f.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        auto broken = rcpsp::violations(p, s.start);
        if (!broken.empty() || s.span < x.reference || s.span < net.critical_path() ||
            net.critical_path() != x.critical_path) {
            std::cerr << x.name << ": wrong schedule (span " << s.span << ", reference " << x.reference
                      << (broken.empty() ? std::string() : ", " + broken.front()) << ")\n";
            std::exit(1);
        }
        f.deviation += 100.0 * (s.span - x.reference) / x.reference;
        f.from_best += 100.0 * (s.span - x.best_known) / x.best_known;
        f.schedules += static_cast<double>(s.schedules);
    }
    auto n = static_cast<double>(all.size());
    return {f.deviation / n, f.from_best / n, f.seconds / n, f.schedules / n};
}

}  // namespace

int main(int argc, char** argv) try {
    std::filesystem::path dir = PLANGRAPH_PSPLIB_DIR;
    std::vector<std::string> sets{"j30", "j60", "j120"}, budgets{"1", "100", "1000", "5000", "default"};
    std::uint64_t seed = 1;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string flag = argv[i], value = argv[i + 1];
        if (flag == "--psplib") dir = value;
        else if (flag == "--sets") sets = split(value, ',');
        else if (flag == "--budgets") budgets = split(value, ',');
        else if (flag == "--seed") seed = std::stoull(value);
        else throw std::runtime_error("unknown option " + flag);
    }
    std::printf("| set | budget | mean deviation | from best known | mean schedules | ms per instance |\n");
    std::printf("|---|---|---|---|---|---|\n");
    for (const auto& set : sets) {
        auto all = instances_of(dir, set);
        for (const auto& b : budgets) {
            auto budget = b == "default" ? rcpsp::default_budget : std::stoull(b);
            auto f = run(dir, set, all, budget, seed);
            std::printf("| %s (%zu) | %s | %.2f %% | %.2f %% | %.0f | %.2f |\n", set.c_str(), all.size(),
                        b == "default" ? ("default " + std::to_string(rcpsp::default_budget)).c_str() : b.c_str(),
                        f.deviation, f.from_best, f.schedules, 1000 * f.seconds);
            std::fflush(stdout);
        }
    }
} catch (const std::exception& e) {
    std::cerr << "bench_levelling: " << e.what() << '\n';
    return 1;
}
