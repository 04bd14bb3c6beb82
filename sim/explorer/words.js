"use strict"; /* words: to be written */ var SimWords = {};
