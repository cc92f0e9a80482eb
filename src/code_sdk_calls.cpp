// SDK calls to operations: in a project that imports a known SDK (data/sdks/, kind: sdk), a
// call of one of its public methods (dispatch style: mc.execute(method='get_lead_by_id');
// member style: marketo.lead.find(...)) is the operations the SDK's map gives that method; a
// method missing from the map is a sighting that names it, so it is reported, not dropped; a
// request of a mapped method that no rule matches (the map's `unmatched`) is reported unmatched.
#include "code_evaluator.hpp"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace minrole::code {

namespace {

// The sightings of one call of a mapped SDK method: each operation it sends, and each request no
// rule matches (kept in the map as `unmatched`), which then routes as any unmatched sighting.
void method_sightings(const SdkMap& sdk, const SdkMethod& method, std::uint32_t file, const Expr& call, int function,
                      std::vector<Found>& found) {
    const std::string derivation = "SDK " + sdk.name + "@" + sdk.version + " " + method.name + " (" + method.source + ")";
    for (const auto* list : {&method.operations, &method.unmatched}) {
        for (const auto& op : *list) {
            const std::size_t space = op.find(' ');
            found.push_back(Found{op.substr(0, space), op.substr(space + 1), file, call.line, function, derivation, {}});
        }
    }
}

} // namespace

void sdk_sightings(const Project::Impl& p, Evaluator& ev, const SdkMap& sdk, std::vector<Found>& found) {
    std::map<std::string, const SdkMethod*> by_name;
    std::set<std::string> namespaces;
    for (const auto& m : sdk.methods) {
        by_name[m.name] = &m;
        if (m.name.find('.') != std::string::npos) {
            namespaces.insert(m.name.substr(0, m.name.rfind('.')));
        }
    }
    // The SDK is used when any file imports it (a scoped fork, @acme/node-marketo-rest, too):
    // the client object is often created in one file and passed to the others.
    bool uses = false;
    for (const FileIR& file : p.files) {
        for (const auto& imported : file.imports) {
            for (const auto& module : sdk.modules) {
                const bool scoped = imported.size() > module.size() && imported[imported.size() - module.size() - 1] == '/' &&
                                    imported.compare(imported.size() - module.size(), module.size(), module) == 0;
                uses = uses || imported == module || scoped || imported.rfind(module + ".", 0) == 0 ||
                       imported.rfind(module + "/", 0) == 0;
            }
        }
    }
    if (!uses) {
        return;
    }
    for (std::uint32_t f = 0; f < p.files.size(); ++f) {
        ev.start_file(); // the SDK calls of each file get their own budget
        const FileIR& file = p.files[f];
        for (const CallSite& site : file.calls) {
            const Expr& call = *site.call;
            std::string method_name;
            if (sdk.style == "dispatch") {
                if (last_component(call.text) != sdk.dispatch_function) {
                    // client.get_lead_by_id(...) called directly
                    const auto direct = by_name.find(last_component(call.text));
                    if (call.text.find('.') != std::string::npos && direct != by_name.end()) {
                        method_sightings(sdk, *direct->second, f, call, site.function, found);
                    }
                    continue;
                }
                const Expr* name_arg = nullptr;
                for (std::size_t i = 0; i < call.items.size(); ++i) {
                    const std::string key = i < call.keys.size() ? call.keys[i] : std::string();
                    if (key == sdk.dispatch_argument || (key.empty() && name_arg == nullptr)) {
                        name_arg = call.items[i].get();
                        if (key == sdk.dispatch_argument) {
                            break;
                        }
                    }
                }
                if (name_arg == nullptr) {
                    continue;
                }
                ev.via.clear();
                const Value v = ev.eval(*name_arg, Context{f, site.scope, nullptr}, 0);
                for (const Alt& a : v) {
                    if (a.kind != Alt::Kind::Str) {
                        continue;
                    }
                    if (is_hole_text(a.text)) {
                        found.push_back(Found{{}, {}, f, call.line, site.function, "SDK " + sdk.name + " " + sdk.dispatch_function +
                                              "() with a method name decided at run time",
                                              "SDK " + sdk.name + ": " + sdk.dispatch_function + "(method={x})"});
                        continue;
                    }
                    const auto it = by_name.find(a.text);
                    if (it == by_name.end()) {
                        found.push_back(Found{{}, {}, f, call.line, site.function, "SDK " + sdk.name + " method not in the map",
                                              "SDK " + sdk.name + ": " + a.text + " (not in the map)"});
                        continue;
                    }
                    method_sightings(sdk, *it->second, f, call, site.function, found);
                }
                continue;
            }
            // member style: x.lead.find(...) where lead is one of the SDK's namespaces
            const std::string& text = call.text;
            const std::size_t last_dot = text.rfind('.');
            if (last_dot == std::string::npos) {
                continue;
            }
            const std::string head = text.substr(0, last_dot);
            const std::string ns = last_component(head);
            const std::string qualified = ns + "." + text.substr(last_dot + 1);
            if (namespaces.count(ns) == 0 || head.find('.') == std::string::npos) {
                continue;
            }
            const auto it = by_name.find(qualified);
            if (it == by_name.end()) {
                found.push_back(Found{{}, {}, f, call.line, site.function, "SDK " + sdk.name + " method not in the map",
                                      "SDK " + sdk.name + ": " + qualified + " (not in the map)"});
                continue;
            }
            method_sightings(sdk, *it->second, f, call, site.function, found);
        }
    }
}

} // namespace minrole::code
