module com.example.consumer {
    requires dev.spindle.core;
    requires dev.spindle.channels;
    requires dev.spindle.http;
    requires dev.spindle.cluster;
    requires java.net.http;
}
