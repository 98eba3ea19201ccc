module.exports = { displayName: 'contract', ...require('../jest.node.config.js')(__dirname) };
