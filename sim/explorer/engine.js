"use strict"; /* engine: to be written */ var SimEngine = {};
