-- one database per service: services never share a schema
CREATE DATABASE activity;
CREATE DATABASE settings;
CREATE DATABASE connector;
CREATE DATABASE sync;
