module com.example.consumer {
    requires dev.spindle.core;
    requires dev.spindle.channels;
}
