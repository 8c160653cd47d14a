//! The browser app's entry point; Trunk builds it to wasm (see index.html and Trunk.toml).

fn main() {
    ics_whatif_web::ui::start();
}
