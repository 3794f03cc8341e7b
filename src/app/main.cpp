#include <iostream>

#include "app/Commands.hpp"

int main(int argc, char** argv) { return kindly::runKindly(argc, argv, std::cout, std::cerr); }
