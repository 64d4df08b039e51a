//! Reading and writing arrays in the formats NumPy and deep-learning frameworks use.
