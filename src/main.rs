fn main() -> std::process::ExitCode {
    geniai::main_entry()
}
