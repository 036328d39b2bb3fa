module com.example.consumer {
    requires dev.spindle.core;
}
