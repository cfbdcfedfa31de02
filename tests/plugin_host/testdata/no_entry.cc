// A shared object that is not a Fascia plugin: it exports a function, but
// not fascia_plugin_entry. The host must reject it by name.
extern "C" __attribute__((visibility("default"))) int not_a_fascia_plugin(void) { return 42; }
