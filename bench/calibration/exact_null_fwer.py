"""Family-wise false-alarm rate under Holm for the null design of docs/METHOD.md (20 paired benchmarks of 100 items,
pᵢ ~ Beta(0.7, 0.3)), with P(regression) computed exactly from counts: no Monte Carlo. Run: /usr/bin/python3 exact_null_fwer.py"""
import numpy as np
from math import comb
rng=np.random.default_rng(1)
def binom_cdf(k,n):  # P(Bin(n,1/2) <= k)
    return sum(comb(n,i) for i in range(0,k+1))/2**n
def fwer(a_fixed,a_broken_int_shift,trials=4000,leaves=20,items=100):
    fails=0
    for t in range(trials):
        ps=[]
        for l in range(leaves):
            p=rng.beta(0.7,0.3,items)
            b=rng.random(items)<p; c=rng.random(items)<p
            n01=int(np.sum(~b&c)); n10=int(np.sum(b&~c))
            # U~Beta(n01+A, n10+B) with integer A,B: P(U<1/2)=P(Bin(n01+n10+A+B-1,1/2)>=n01+A)
            A=a_fixed;B=a_broken_int_shift
            N=n01+n10+A+B-1
            preg=1-binom_cdf(n01+A-1,N)
            ps.append(1-preg)
        ps=sorted(ps)
        alpha=0.05
        for k,p in enumerate(ps):
            if p<=alpha/(leaves-k): fails+=1;break
            else: break
    return fails/trials
print("a=1,1", fwer(1,1))
print("exact (1,0)", fwer(1,0))
