"""Writes Brevity's Math-Verify agreement cases (our own pairs, written from Math-Verify's README,
parser.py/grader.py rules and the behaviours its tests document: github.com/huggingface/Math-Verify).
Each line: gold, pred, category, expected (Math-Verify's verdict), note. Run:
    python3 tools/verifier/make_cases.py > core/src/test/resources/dev/brevity/verify/math-verify-cases.jsonl
"""
import json, sys
from fractions import Fraction

cases = []
def add(cat, gold, pred, expected, note=""):
    cases.append({"category": cat, "gold": gold, "pred": pred, "expected": expected, "note": note})

# numbers: separators, decimal commas, currency, units, leading zeros, rounding to 6 places
for v in [7, 42, 100, 1000, 2024, 123456, 7425000, 16386]:
    s = f"{v:,}"
    add("numbers", str(v), s, True, "thousands separators")
    add("numbers", str(v), f"The total is {s}.", True, "number in a sentence")
    add("numbers", str(v), f"${s}", True, "currency sign")
    add("numbers", str(v), f"{v}.0", True, "a float equal to an integer")
    add("numbers", str(v), str(v + 1), False, "off by one")
    add("numbers", f"${v}$", f"So the answer is $\\boxed{{{s}}}$.", True, "boxed with separators")
for g, p, e in [("1000.99", "1000,99", True), ("1,22", "1.22", True), ("0,111", "0.111", True),
                ("2.74", "Soucis : 2,74 $ a..", True), ("0.4", ".4", True), ("1000.99", "1,000.99", True),
                ("1000.99", "$1,000.99", True), ("1000.99", "1,000.99$", True),
                ("1000.99", "the number is not 10 which is 1,000.99€", True),
                ("1000.99", "so the number is 10 which is 1,000.99m²", True),
                ("1000", "1 000", True), ("2", "AZYUK2A", False), ("-5", "-5", True), ("-5", "5", False),
                ("0.5", "1/2", True), ("1/3", "0.333333", True), ("1/3", "0.3333333", True), ("1/3", "0.333", False),
                ("2", "2.0000001", True), ("2", "2.000001", False), ("3.14159265", "3.141593", True),
                ("10/9", "\\frac{10}{9}", True), ("-10/9", "-\\frac{10}{9}", True), ("12.5", "\\$12.50", True),
                ("0.0833333333333333", "$\\frac{1}{12}$", True), ("007", "7", True), ("1e3", "1000", True)]:
    add("numbers", g, p, e, "Math-Verify number rules")

# latex notation: environments, malformed operators, styling
for g, p, e in [("$9$", "Answer \\[ 9 \\]", True), ("$9$", "Answer $ 9 $", True), ("$9$", "Answer $$ 9 $$", True),
                ("$9$", "Answer \\( 9 \\)", True), ("$10$", "Answer \\( (9+1) \\)", True),
                ("$9$", "Answer \\[ \n 9 \n \\]", True), ("$9$", "Answer $$ \n 9 \n $$", True),
                ("$1/3$", "$\\frac13 $", True), ("$1$", "$\\frac3{3} $", True), ("$\\sqrt{3}$", "$\\sqrt3 $", True),
                ("$1/3$", "$\\cfrac{1}{3} $", True), ("$1/3$", "$\\dfrac{1}{3} $", True), ("$1/3$", "$\\tfrac{1}{3} $", True),
                ("$1/3$", "$ 1/3 $", True), ("$1/3$", "$\\left( \\frac{1}{3} \\right)$", True),
                ("$1/3$", "$\\boxed{\\frac{1}{3}}$", True), ("$1/3$", "$\\frac{1}{3} \\text{meters}$", True),
                ("$1/3$", "$\\frac{1}{3} \\textbf{meters}$", True), ("$1/3$", "$k = \\frac{1}{3}$", True),
                ("$\\frac{9}{4}\\pi$", "Therefore $\\boxed{\\frac94\\pi}$.", True),
                ("$\\sqrt{2}+\\sqrt{5}$", "The answer is $\\boxed{\\sqrt 2+\\sqrt 5}$", True),
                ("$3\\sqrt{13}$", "$\\sqrt{117} = \\boxed{3\\sqrt{13}}$", True), ("$90^\\circ$", "$\\boxed{90^\\circ}$", True),
                ("$125$ miles", "The distance is $\\boxed{125\\textnormal{ miles}}.$", True),
                ("$15\\mbox{ cm}^2$", "The area is $\\boxed{15}$ square centimetres.", True),
                ("$\\mathrm{e}$", "$e$", True), ("$e^{2}$", "$\\mathrm{e}^2$", True), ("$2\\pi$", "$\\pi \\cdot 2$", True),
                ("$\\pi$", "$3.14$", False), ("$\\pi$", "$3.141593$", True), ("$4$", "$4\\sqrt{2}$", False),
                ("$\\sqrt{17}$", "4.123106", True), ("$1\\sqrt{19}$", "$1$", False),
                ("$2$", "$\\frac{1+\\sqrt{5}}{2}$", False), ("$11111111100$", "is $\\boxed{11,\\! 111,\\! 111,\\! 100}$", True),
                ("$32349$", "is $\\boxed{32,\\! 349}$", True), ("$32349$", "is $\\boxed{32, 349}$", False),
                ("$\\frac{14}{3}$", "$=2+\\frac{5}{3}+1=\\boxed{\\frac{14}{3}}$", True)]:
    add("latex", g, p, e, "Math-Verify LaTeX normalisation")

# percentages
for g, p, e in [("$28\\%$", "28 percent", True), ("$28\\%$", "28 pct", True), ("$28\\%$", "28 %", True),
                ("$28\\%$", "$28$ %", True), ("$28\\%$", "$28$ percent", True), ("$28\\%$", "$\\boxed{28}$ pct", True),
                ("$28\\%$", "making for a total loss of $\\boxed{28\\%}$.", True), ("$50\\%$", "$0.5$", True),
                ("$50\\%$", "$\\frac{1}{2}$", True), ("$50\\%$", "$51\\%$", False), ("$20\\%$", "The final answer is $20\\%$. I hope it is correct.", True),
                ("The final answer is $28 \\%$", "28%", True), ("$12.5\\%$", "$\\frac{1}{8}$", True), ("$12.5\\%$", "12.5 percent", True),
                ("$100\\%$", "$1$", True), ("$5\\%$", "$0.5$", False)]:
    add("percent", g, p, e, "percent is X/100 (Math-Verify)")

# text answers and multiple choice
for g, p, e in [("$\\text{Evelyn}$", "so her average speed is greatest: $\\boxed{\\text{Evelyn}}$", True),
                ("\\(\\boxed{\\text{C}}\\).", "$\\boxed{\\text{(C)}}.$", True), ("$\\text{E}$", "$E$", True),
                ("$\\text{13}$", "$13$", False), ("$\\text{Monday}$", "$\\text{monday}$", True),
                ("$\\text{Monday}$", "$\\text{Tuesday}$", False), ("$\\text{(B)}$", "$\\boxed{B}$", True),
                ("$\\text{(B)}$", "$\\boxed{D}$", False), ("$\\text{yes}$", "$\\boxed{\\text{Yes}}$", True),
                ("$\\text{odd}$", "$\\boxed{\\text{even}}$", False)]:
    add("text", g, p, e, "text compares case-insensitively; \\text{13} is not 13")

# sets, lists, unions
for g, p, e in [("${1,3} \\cup {2,4}$", "${1,2,3,4}$", True), ("$\\{1,2\\}$", "$\\{2,1\\}$", True),
                ("$\\{1,2\\}$", "$\\{1,3\\}$", False), ("$\\{1,2\\}$", "$\\{1,2,3\\}$", False),
                ("$-2,1$", "the roots are $\\boxed{-2,1}$", True), ("$-2,1$", "the roots are $\\boxed{1,-2}$", True),
                ("$19, 46, \\text{ and } 82$", "$19, 46, and 82$", True), ("$19, 46, \\text{ and } 82$", "$82, 46, 19$", True),
                ("$\\boxed{1}\\boxed{2}$", "$\\boxed{1,2}$", True), ("$1$ and $2$", "$\\{1, 2\\}$", True),
                ("$\\{(1,2),(3,4)\\}$", "$\\{(3,4),(1,2)\\}$", True), ("$\\{(1,2),(3,4)\\}$", "$\\{(2,1),(3,4)\\}$", False),
                ("$\\{1\\pm\\sqrt{5},-2\\}$", "so the answer is $\\boxed{\\{1\\pm\\sqrt{5},-2\\}}.$", True),
                ("$1 \\pm \\sqrt{19}$", "$x = \\boxed{1 \\pm \\sqrt{19}}.$", True), ("$3 \\pm 2 \\sqrt{2}$", "$\\boxed{3 - 2\\sqrt{2}, 3 + 2\\sqrt{2}}$", True),
                ("$\\{1,2\\}$", "$(1,2)$", True), ("$(3,1)$", "${1,3}$", False), ("$(1,3)$", "${1,3}$", True),
                ("$\\{5\\}$", "$5$", True), ("$\\emptyset$", "$\\varnothing$", True), ("$\\{0.5, 2\\}$", "$\\{2, \\frac{1}{2}\\}$", True)]:
    add("sets", g, p, e, "sets are unordered (Math-Verify)")

# intervals
for g, p, e in [("$[0,1)$", "$[0,1)$", True), ("$[0,9)$", "$[0,1)$", False), ("$(0,9)$", "$[0,9)$", False),
                ("$1$", "$-[0,1)$", False), ("$[-4,0]$", "the values are: \\[ \\boxed{[-4, 0]} \\]", True),
                ("$(2, 12) \\cup (12, 102)$", "Thus, the answer is $x \\in \\boxed{(2,12) \\cup (12,102)}$", True),
                ("$[-1, -\\frac{1}{2}) \\cup (-\\frac{1}{2}, 0) \\cup (0, 1) \\cup (1, \\infty)$",
                 "The solution set is $\\boxed{[-1, -\\tfrac12) \\cup (-\\tfrac12, 0) \\cup (0, 1) \\cup (1, \\infty)}.$", True),
                ("$(\\frac{3}{5},\\frac{8}{3}]$", "$(0.6,2.666667]$", True), ("$(\\frac{3}{5},\\frac{8}{3}]$", "$(0.6,2.6667]$", False),
                ("$(-\\infty, 3]$", "$(-\\infty, 3)$", False), ("$(-\\infty, 3]$", "$x \\in (-\\infty,3]$", True),
                ("$[0.5, 2]$", "$[\\frac12, 2]$", True), ("$x \\in \\boxed{\\{-1\\} \\cup [0,7)}.$", "$x \\in \\boxed{\\{-1\\} \\cup [0,7)}.$", True),
                ("$-2 \\le x \\le 7$", "$x \\in [-2,7]$", True), ("$x \\in [-2,7]$", "$-2 \\le x \\le 7$", False),
                ("$x > 5$", "$(5, \\infty)$", True), ("$x \\geq 5$", "$(5, \\infty)$", False)]:
    add("intervals", g, p, e, "open/closed ends must match; gold inequality vs predicted interval only")

# tuples and points
for g, p, e in [("$(3, \\frac{\\pi}{2})$", "the polar coordinates are $\\boxed{\\left( 3, \\frac{\\pi}{2} \\right)}$", True),
                ("$(6,31,-1)$", "we find $(p,q,r) = \\boxed{(6,31,-1)}.$", True), ("$(6,31,-1)$", "$\\boxed{(6,-1,31)}$", False),
                ("$(1,\\frac{9}{2})$", "$(1,4.5)$", True), ("$(7,6)$", "The solution is $(7, 6)$.", True),
                ("$\\left(\\frac{1}{5},\\frac{1}{6}\\right)$", "$\\boxed{(0.2, \\frac{1}{6})}$", True),
                ("$\\left(\\frac{4}{5},\\frac{1}{5}\\right)$", "$\\boxed{\\left(\\frac{1}{5},\\frac{4}{5}\\right)}$", False),
                ("$(1,2,3)$", "$(1,2)$", False), ("$(1,2,3)$", "$1,2,3$", True), ("$(a, b)$", "$(a, b)$", True)]:
    add("tuples", g, p, e, "tuples compare in order")

# matrices and vectors
for g, p, e in [("$\\begin{pmatrix}1 & 0 \\\\ 0 & 1\\end{pmatrix}$", "The identity matrix is $ \\begin{pmatrix}1 & 0 \\\\ 0 & 1\\end{pmatrix} $.", True),
                ("$\\begin{bmatrix}0 & 0 \\\\0 & 0\\end{bmatrix}$", "Here is a zero matrix: $ \\begin{pmatrix}0 & 0 \\\\0 & 0\\end{pmatrix} $", True),
                ("$\\begin{pmatrix}1 & 2 \\\\3 & 4\\end{pmatrix}$", "Special matrix: $ \\left[\\begin{array}{cc}1 & 2 \\\\3 & 4\\end{array}\\right] $", True),
                ("$\\begin{pmatrix}\\frac{1}{2} & \\frac{3}{4} \\\\ \\frac{5}{6} & \\frac{7}{8}\\end{pmatrix}$", "$ \\begin{pmatrix}\\frac{1}{2} & \\frac{3}{4} \\\\ \\frac{5}{6} & \\frac{7}{8}\\end{pmatrix} $", True),
                ("$\\begin{pmatrix}1 & 2 \\\\ 3 & 4\\end{pmatrix}$", "The matrix is $\\begin{pmatrix}1 & 2 \\\\ 3 & 5\\end{pmatrix}$", False),
                ("\\boxed{\n\\begin{pmatrix} 0 & 3 \\\\ 0 & -1 \\end{pmatrix}\n}.", "\\boxed{\n\\begin{pmatrix} 0 & 3 \\\\ 0 & -1 \\end{pmatrix}\n}.", True),
                ("$\\begin{pmatrix} 3 \\\\ 2 \\\\ -6 \\end{pmatrix}$", "$\\boxed{\\begin{pmatrix} 3 \\\\ 2 \\\\ -6 \\end{pmatrix}}$", True),
                ("$\\begin{pmatrix} 3 \\\\ 2 \\end{pmatrix}$", "$\\boxed{\\begin{pmatrix} 3 & 2 \\end{pmatrix}}$", False),
                ("$\\begin{pmatrix}-\\frac{7}{4}&-2\\\\4&\\frac{1}{4}\\end{pmatrix}$", "$\\begin{pmatrix}-1.75&-2\\\\4&0.25\\end{pmatrix}$", True),
                ("$\\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix}$", "$\\begin{pmatrix} 2 \\\\ 1 \\end{pmatrix}$", False)]:
    add("matrices", g, p, e, "same shape, cell by cell")

# relations and equations
for g, p, e in [("$x >= 5$", "Therefore $x \\geq 5$ is the solution.", True), ("$x < 3$", "We find that $x \\lt 3$.", True),
                ("$x \\leq 2$", "Thus $x <= 2$ is our answer.", True), ("$x > 5$", "Therefore $x \\gt 5$ is the solution.", True),
                ("$x != 3$", "We find that $x \\neq 3$.", True), ("$x > 5$", "Therefore $x < 5$ is the solution.", False),
                ("$x \\geq 5$", "The solution is $x \\leq 5$", False), ("$x \\leq 5$", "$5 \\geq x$", True), ("$x \\geq 5$", "$5 \\leq x$", True),
                ("$x = 11$", "$x = 5+5+1 = 7 =11$", True), ("$7 = 11a+c$", "$11a+c$", False), ("$11$", "$x=11$", True),
                ("$11$", "$x\\approx11$", True), ("$1/3$", "$x=1/3\\approx1.3$", True), ("$x < 1$", "$-x > -1$", True),
                ("$x < 1$", "$x > -1$", False), ("$x <= 1$", "$-x >= -1$", True), ("$a +3z = 0$", "$0$", False),
                ("$2x + z = 1$", "$1$", False), ("$a^2 + b = 0$", "$0$", False), ("$k=1$", "$1$", True), ("$1$", "$k=1$", True),
                ("$z = 1 + 1 = 2$", "$z = 3+3 = 2$", True), ("$2x+4y-3=0$", "$y=-\\frac{1}{2}x+\\frac{3}{4}$", True),
                ("$x^2/4 + y^2/3 = 1$", "$x^2/16 + y^2/12 = 1/4$", True), ("$34x+45y-20z+100=0$", "$-34x-45y+20z-100=0$", True),
                ("$x-2y+z-1=0$", "The equation of the plane is $\\boxed{x - 2y + z = 1}$.", True),
                ("$x=1$", "$y=1$", False), ("$y = 2x + 3$", "$y = 3 + 2x$", True), ("$y = 2x + 3$", "$y = 2x - 3$", False)]:
    add("relations", g, p, e, "Math-Verify relation rules")

# symbolic expressions
for g, p, e in [("$\\frac{x+2}{7}$", "$\\frac{x}{7}+\\frac{2}{7}$", True), ("$\\tan^2(y)+1$", "$\\sec^2(y)$", True),
                ("$2 \\sin b \\cos a$", "$\\boxed{2 \\cos a \\sin b}$", True), ("$\\frac{\\pi r}{h+r}$", "$\\boxed{\\frac{r\\pi}{r+h}}$", True),
                ("$(a+5)(b+2)$", "$(+5)(b+2)$", False), ("$x+2n+1$", "$x+1$", False), ("$2-2p$", "Thus $x-p=\\boxed{2-2p}$.", True),
                ("$\\frac{\\sqrt{\\sqrt{11}+\\sqrt{194}}}{15+2\\sqrt{33}}$", "$\\frac{\\sqrt{\\sqrt{11}+\\sqrt{194}}}{2\\sqrt{33}+15}$", True),
                ("$4$", "$\\frac{34}{16}+\\frac{\\sqrt{1358}}{16}$", False), ("$x^2-1$", "$(x-1)(x+1)$", True), ("$x^2+1$", "$(x+1)^2$", False),
                ("$2\\sqrt{2}$", "$\\sqrt{8}$", True), ("$\\frac{\\sqrt{3}}{3}$", "$\\frac{1}{\\sqrt{3}}$", True), ("$\\binom{5}{2}$", "$10$", True),
                ("$5!$", "$120$", True), ("$e^{i\\pi}$", "$-1$", True), ("$3+2i$", "$2i+3$", True), ("$3+2i$", "$3-2i$", False),
                ("$\\log_2 8$", "$3$", False), ("$\\ln(e^2)$", "$2$", True)]:
    add("expressions", g, p, e, "symbolic equivalence")

# extraction from whole completions
for g, p, e in [("$7.78$", "To find the cost of the fudge, we multiply. $\\frac{70}{9} \\approx 7.78$ So, Anna pays approximately $7.78 for her fudge. Final Answer: The final answer is 7.78.", True),
                ("$34$", "Final Answer: The largest $n$ is 34.", True), ("$2$", "Thus, there are $\\boxed{2}$ distinct possible values for $B$.", True),
                ("$189$", "9=189.\n\nTherefore, answer is 189.\n\nAnother thought: check the trapezoid again.", True),
                ("$100$", "at least $100\\%$ of the original error. Final Answer: The final answer is $100$. I hope it is correct.", True),
                ("$5$", "First $x = 3$, then $y = 4$, so $z = \\boxed{5}$.", True), ("$5$", "The answer is $5$, not $6$.", True),
                ("$12$", "We get 3 apples and 4 pears, 12 fruit in all.", True), ("$12$", "We get 12 apples and 3 pears.", False), ("$12$", "... so the total is 12", True),
                ("$6$", "\\boxed{5} hmm, let me redo this. ... The final answer is $\\boxed{6}$", True),
                ("$3$", "<think>7+5=12. 12-9=3.</think> \\boxed{3}", True), ("$3$", "<think>7+5=12. 12-9=3.</think> \\boxed{12}", False),
                ("$\\frac{1}{2}$", "The probability is $\\frac{1}{2}$.", True), ("$\\frac{1}{2}$", "The probability is \\frac{1}{2}.", True),
                ("$-1$", "Since $x<2$, ..., $\\boxed{-1}$ is the only root.", True), ("$9$", "$$129^{34}+96^{38} \\equiv 9 \\pmod{11}$$ so the remainder is $\\boxed{9}$.", True),
                ("$(-6, 10)$", "The solution to the inequality is \\( x \\in (-6, 10) \\). Final Answer: The final answer is \\((-6, 10)\\). I hope it is correct.", True),
                ("$x \\in [-2,7]$", "the solution to the inequality is the interval between -2 and 7. Thus the solution is $x \\in [-2,7]$", True),
                ("$10$", "I am not sure how to solve this problem.", False), ("$20$", "The answer: 20 apples.", True)]:
    add("extraction", g, p, e, "Math-Verify extraction priorities")

for c in cases:
    print(json.dumps(c, ensure_ascii=False))
