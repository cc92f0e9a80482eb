module.exports = require('./lib/marketo');
